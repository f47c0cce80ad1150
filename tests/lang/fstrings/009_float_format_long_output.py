# Fixed-point output longer than any fixed buffer: 309 digits before the point, 400 after.
print(format(1e308, '.300f') == format(1e308, '.300f'), len(format(1e308, '.300f')), len(format(1.5, '.400f')))
print(format(1e308, ',.2f'))
print(format(1e300, '%')[:20], len(format(1e300, '.10%')))
print(f"{2.5:.3f} {1234567.891:,.2f} {0.1:.20g} {1e22:g} {3.0:.0f} {float('nan'):F} {-0.0:+.1f}")
print(format(1.5, '.400f')[-5:], format(1/3, '.60f'))
print(f"{1e308:_.1f}"[:30], "{:>12.3e}".format(12345.678))
