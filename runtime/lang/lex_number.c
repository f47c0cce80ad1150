/* lang/lex_number.c: number literals.
 *
 * Owns: scanning a NUMBER token (decimal, hex, octal and binary ints, floats, imaginary
 * numbers, underscores, CPython's "invalid decimal literal" errors and its warning for a
 * keyword glued to a number) and decoding one to its value (hl_lex_int, hl_lex_float,
 * hl_lex_number_kind). Calls lexer.c's errors and characters. */
#include "lexer_internal.h"

#include <stdlib.h>

/* ---- numbers ---- */

/* After a number's last character c: CPython 3.11 warns when a keyword that may follow a
 * number in valid code is glued to it ("1if x else y"), and rejects any other name
 * character ("1abc"). */
static bool lookahead(hl_lexer *lex, const char *test) {
    const char *s = test;
    for (;;) {
        int c = nextc(lex);
        bool res = false;
        if (*s == '\0') res = !is_ident_char(c);
        else if (c == *s) {
            s++;
            continue;
        }
        backup(lex, c);
        lex->cur -= s - test;
        return res;
    }
}

static bool verify_end_of_number(hl_lexer *lex, int c, const char *kind, hl_token *err) {
    bool r = false;
    if (c == 'a') r = lookahead(lex, "nd");
    else if (c == 'e') r = lookahead(lex, "lse");
    else if (c == 'f') r = lookahead(lex, "or");
    else if (c == 'i') {
        int c2 = nextc(lex);
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
        backup(lex, c2);
    } else if (c == 'o') r = lookahead(lex, "r");
    else if (c == 'n') r = lookahead(lex, "ot");
    if (r) {
        hl_lex_warn(lex, "SyntaxWarning", lex->line, "invalid %s literal", kind);
    } else if (is_ident_char(c)) {
        backup(lex, c);
        *err = SYNTAX_ERROR(lex, "invalid %s literal", kind);
        return false;
    }
    return true;
}

/* Digits and single underscores after a first digit; returns the character after them, or
 * 0 after an error. */
static int decimal_tail(hl_lexer *lex, hl_token *err) {
    int c;
    for (;;) {
        do c = nextc(lex);
        while (is_digit(c));
        if (c != '_') return c;
        c = nextc(lex);
        if (!is_digit(c)) {
            backup(lex, c);
            *err = SYNTAX_ERROR(lex, "invalid decimal literal");
            return 0;
        }
    }
}

/* Hex, octal or binary digits after the prefix, or an error. */
static bool radix_digits(hl_lexer *lex, int radix, const char *kind, hl_token *err) {
    int c = nextc(lex);
    do {
        if (c == '_') c = nextc(lex);
        bool ok = radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix);
        if (!ok) {
            if (radix != 16 && is_digit(c)) {
                *err = SYNTAX_ERROR(lex, "invalid digit '%c' in %s literal", c, kind);
                return false;
            }
            backup(lex, c);
            *err = SYNTAX_ERROR(lex, "invalid %s literal", kind);
            return false;
        }
        do c = nextc(lex);
        while (radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix));
    } while (c == '_');
    if (radix != 16 && is_digit(c)) {
        *err = SYNTAX_ERROR(lex, "invalid digit '%c' in %s literal", c, kind);
        return false;
    }
    if (!verify_end_of_number(lex, c, kind, err)) return false;
    backup(lex, c);
    return true;
}

/* The rest of a number whose first character c was just read (a digit, or the '.' of
 * ".5" with c the digit after it and `fraction` set). */
bool hl_lex_number(hl_lexer *lex, int c, bool fraction, hl_token *err) {
    if (fraction) goto fraction;
    if (c == '0') {
        c = nextc(lex);
        if (c == 'x' || c == 'X') return radix_digits(lex, 16, "hexadecimal", err);
        if (c == 'o' || c == 'O') return radix_digits(lex, 8, "octal", err);
        if (c == 'b' || c == 'B') return radix_digits(lex, 2, "binary", err);
        bool nonzero = false;
        for (;;) { /* maybe old-style octal: allow only zeros */
            if (c == '_') {
                c = nextc(lex);
                if (!is_digit(c)) {
                    backup(lex, c);
                    *err = SYNTAX_ERROR(lex, "invalid decimal literal");
                    return false;
                }
            }
            if (c != '0') break;
            c = nextc(lex);
        }
        const char *zeros_end = lex->cur;
        if (is_digit(c)) {
            nonzero = true;
            c = decimal_tail(lex, err);
            if (c == 0) return false;
        }
        if (c == '.') {
            c = nextc(lex);
            goto fraction;
        }
        if (c == 'e' || c == 'E') goto exponent;
        if (c == 'j' || c == 'J') goto imaginary;
        if (nonzero) {
            backup(lex, c);
            *err = hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line,
                                   (int)(lex->tok_start + 1 - lex->line_start), lex->line,
                                   (int)(zeros_end - lex->line_start),
                                   "leading zeros in decimal integer literals are not permitted; "
                                   "use an 0o prefix for octal integers");
            return false;
        }
        if (!verify_end_of_number(lex, c, "decimal", err)) return false;
        backup(lex, c);
        return true;
    }
    c = decimal_tail(lex, err);
    if (c == 0) return false;
    if (c == '.') {
        c = nextc(lex);
    fraction:
        if (is_digit(c)) {
            c = decimal_tail(lex, err);
            if (c == 0) return false;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = nextc(lex);
        if (c == '+' || c == '-') {
            c = nextc(lex);
            if (!is_digit(c)) {
                backup(lex, c);
                *err = SYNTAX_ERROR(lex, "invalid decimal literal");
                return false;
            }
        } else if (!is_digit(c)) {
            backup(lex, c);
            if (!verify_end_of_number(lex, e, "decimal", err)) return false;
            backup(lex, e); /* "1else": the number is "1" */
            return true;
        }
        c = decimal_tail(lex, err);
        if (c == 0) return false;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        c = nextc(lex);
        if (!verify_end_of_number(lex, c, "imaginary", err)) return false;
    } else if (!verify_end_of_number(lex, c, "decimal", err)) {
        return false;
    }
    backup(lex, c);
    return true;
}

/* ---- literal values ---- */

hl_number_kind hl_lex_number_kind(const char *text, size_t len) {
    char last = text[len - 1];
    if (last == 'j' || last == 'J') return HL_NUMBER_IMAGINARY;
    if (len > 1 && text[0] == '0' && strchr("xXoObB", text[1])) return HL_NUMBER_INT;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '.' || text[i] == 'e' || text[i] == 'E') return HL_NUMBER_FLOAT;
    return HL_NUMBER_INT;
}

static char *without_underscores(hl_arena *arena, const char *text, size_t len) {
    char *s = hl_arena_alloc(arena, len + 1), *o = s;
    if (!s) return NULL;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_') *o++ = text[i];
    *o = '\0';
    return s;
}

bool hl_lex_int(hl_arena *arena, const char *text, size_t len, hl_int_literal *out) {
    char *clean = without_underscores(arena, text, len);
    if (!clean) return false;
    const char *digits = clean;
    unsigned base = 10;
    if (clean[0] == '0' && clean[1] && strchr("xXoObB", clean[1])) {
        base = clean[1] == 'x' || clean[1] == 'X' ? 16 : clean[1] == 'o' || clean[1] == 'O' ? 8 : 2;
        digits += 2;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (const char *p = digits; *p; p++) {
        unsigned d = *p <= '9' ? (unsigned)(*p - '0') : (unsigned)((*p | 0x20) - 'a' + 10);
        if (v > (UINT64_MAX - d) / base) overflow = true;
        v = v * base + d;
    }
    if (v > INT64_MAX) overflow = true;
    out->value = overflow ? 0 : (int64_t)v;
    out->overflow = overflow;
    out->text = clean;
    return true;
}

bool hl_lex_float(hl_arena *arena, const char *text, size_t len, double *value,
                  const char **clean_out) {
    char *clean = without_underscores(arena, text, len);
    if (!clean) return false;
    /* Python's float literals are strtod's in the C locale; overflow gives inf as in
     * CPython ("1e999" is inf). */
    *value = strtod(clean, NULL);
    *clean_out = clean;
    return true;
}
