/* tests/test_parser.c: the front end's lexer, parser and AST (runtime/lang/).
 *
 * Every expected error below was produced by CPython 3.11 (/usr/bin/python3, compile() on
 * the same source) and heaplab agrees on type, message, line, offset and end; every
 * expected tree was compared with CPython's ast module, positions included. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/lexer.h"
#include "lang/parser.h"

/* ---- helpers ---- */

typedef struct tp_case {
    const char *src;
    const char *expect;
} tp_case;

static void *tp_alloc(void *ud, size_t size) {
    (void)ud;
    return malloc(size);
}

static void tp_free(void *ud, void *ptr, size_t size) {
    (void)ud;
    (void)size;
    free(ptr);
}

/* The outcome of parsing src in one line: "OK <dump>", "SyntaxError: msg @l:c-el:ec",
 * "UNSUPPORTED: msg @...", "RecursionError: msg" or "MemoryError". */
static char *tp_outcome(const char *src, size_t len, unsigned dump_flags) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    hl_parse_result r = hl_parse(src, len, "x.py", &arena);
    char *out = NULL;
    const hl_lang_error *e = &r.error;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    switch (e->kind) {
    case HL_LANG_OK: fprintf(f, "OK %s", hl_ast_dump(r.module, dump_flags, &arena)); break;
    case HL_LANG_MEMORY_ERROR: fprintf(f, "MemoryError"); break;
    case HL_LANG_RECURSION_ERROR: fprintf(f, "RecursionError: %s", e->message); break;
    default:
        fprintf(f, "%s: %s @%d:%d-%d:%d", e->kind == HL_LANG_UNSUPPORTED ? "UNSUPPORTED" : hl_lang_error_type(e->kind),
                e->message, e->line, e->col, e->end_line, e->end_col);
    }
    fclose(f);
    hl_arena_release(&arena);
    return out;
}

static void tp_check(const tp_case *cases, size_t n, unsigned dump_flags) {
    for (size_t i = 0; i < n; i++) {
        char *got = tp_outcome(cases[i].src, strlen(cases[i].src), dump_flags);
        cr_expect_str_eq(got, cases[i].expect, "source: %s", cases[i].src);
        free(got);
    }
}

#define TP_CHECK(cases, flags) tp_check(cases, sizeof cases / sizeof cases[0], flags)

/* ---- trees (compared with CPython's ast module) ---- */

static const tp_case tp_constructs[] = {
    {"x = 1",
     "OK (module (= x:s 1))"},
    {"a = b = []",
     "OK (module (= a:s b:s (list)))"},
    {"a, b = b, a",
     "OK (module (= (tuple:s a:s b:s) (tuple b a)))"},
    {"[a, b] = 1, 2",
     "OK (module (= (list:s a:s b:s) (tuple 1 2)))"},
    {"(a, (b, c)) = x",
     "OK (module (= (tuple:s a:s (tuple:s b:s c:s)) x))"},
    {"x.y = z[1] = 3",
     "OK (module (= (.:s x y) (sub:s z 1) 3))"},
    {"a, *b = c",
     "OK (module (= (tuple:s a:s (*:s b:s)) c))"},
    {"[a, *b] = c",
     "OK (module (= (list:s a:s (*:s b:s)) c))"},
    {"*a, b = c",
     "OK (module (= (tuple:s (*:s a:s) b:s) c))"},
    {"x += 1; y -= 2; z *= 3; w /= 4; q //= 5; r %= 6; s **= 7; t <<= 8; u >>= 9; v &= 10; m ^= 11; n |= 12",
     "OK (module (+= x:s 1) (-= y:s 2) (*= z:s 3) (/= w:s 4) (//= q:s 5) (%= r:s 6) (**= s:s 7) (<<= t:s 8) (>>= u:s 9) (&= v:s 10) (^= m:s 11) (|= n:s 12))"},
    {"lst[0] += 1; obj.attr -= 2",
     "OK (module (+= (sub:s lst 0) 1) (-= (.:s obj attr) 2))"},
    {"del a, b[1], c.d, e[1:2]",
     "OK (module (del a:d (sub:d b 1) (.:d c d) (sub:d e (slice 1 2 _))))"},
    {"del (a, b), [c]",
     "OK (module (del (tuple:d a:d b:d) (list:d c:d)))"},
    {"del x,",
     "OK (module (del x:d))"},
    {"pass",
     "OK (module (pass))"},
    {"if a:\n    pass\nelif b:\n    x = 1\nelse:\n    z = 3",
     "OK (module (if a ((pass)) ((if b ((= x:s 1)) ((= z:s 3))))))"},
    {"while x < 10:\n    x += 1\n    if x == 5:\n        break\n    continue\nelse:\n    print('done')",
     "OK (module (while (cmp x < 10) ((+= x:s 1) (if (cmp x == 5) ((break))) (continue)) ((expr (call print \"done\")))))"},
    {"for i in range(10):\n    print(i)\nelse:\n    pass",
     "OK (module (for i:s (call range 10) ((expr (call print i))) ((pass))))"},
    {"for a, b in x: pass",
     "OK (module (for (tuple:s a:s b:s) x ((pass))))"},
    {"for (a, b), *c in x: pass",
     "OK (module (for (tuple:s (tuple:s a:s b:s) (*:s c:s)) x ((pass))))"},
    {"for x, in y: pass",
     "OK (module (for (tuple:s x:s) y ((pass))))"},
    {"def f(a, b=1, *args, c, d=2, **kw):\n    return a + b",
     "OK (module (def f (a (b 1) *args c (d 2) **kw) ((return (+ a b)))))"},
    {"def f(*, a, b=[]): return",
     "OK (module (def f (* a (b (list))) ((return))))"},
    {"def f(): return 1,",
     "OK (module (def f () ((return (tuple 1)))))"},
    {"def g():\n    global x, y\n    x = 1\n    def h():\n        nonlocal z\n        z = 3\n    z = 2",
     "OK (module (def g () ((global x y) (= x:s 1) (def h () ((nonlocal z) (= z:s 3))) (= z:s 2))))"},
    {"import copy\nimport gc, sys\nimport copy as c\nimport a.b.c as d, e.f",
     "OK (module (import copy) (import gc sys) (import copy as c) (import a.b.c as d e.f))"},
    {"from copy import deepcopy\nfrom a.b import (c, d as e,)\nfrom . import x\nfrom ..y import *",
     "OK (module (from copy deepcopy) (from a.b c d as e) (from . x) (from ..y *))"},
    {"assert x, 'msg'\nassert y",
     "OK (module (assert x \"msg\") (assert y))"},
    {"raise\nraise ValueError('x')\nraise E from e",
     "OK (module (raise) (raise (call ValueError \"x\")) (raise E from e))"},
    {"print(a, b, sep='', end='')",
     "OK (module (expr (call print a b (kw sep \"\") (kw end \"\"))))"},
    {"sorted(x, key=len, reverse=True)",
     "OK (module (expr (call sorted x (kw key len) (kw reverse True))))"},
    {"f(*args, **kw)",
     "OK (module (expr (call f (* args) (** kw))))"},
    {"f(a, *b, c=1, **d)",
     "OK (module (expr (call f a (* b) (kw c 1) (** d))))"},
    {"sum(x for x in y)",
     "OK (module (expr (call sum (genexp x (for x:s y)))))"},
    {"f(x for x in y if x)",
     "OK (module (expr (call f (genexp x (for x:s y (if x))))))"},
    {"x = a[1:2]; y = a[::-1]; z = a[i, j]; w = a[:, 1]; v = a[1:2, ::3]; u = a[:]; t = a[1:2:3]",
     "OK (module (= x:s (sub a (slice 1 2 _))) (= y:s (sub a (slice _ _ (neg 1)))) (= z:s (sub a (tuple i j))) (= w:s (sub a (tuple (slice _ _ _) 1))) (= v:s (sub a (tuple (slice 1 2 _) (slice _ _ 3)))) (= u:s (sub a (slice _ _ _))) (= t:s (sub a (slice 1 2 3))))"},
    {"x = a[*b]",
     "OK (module (= x:s (sub a (tuple (* b)))))"},
    {"x = copy.deepcopy(y); t = type(x).__name__; lst.append(1)",
     "OK (module (= x:s (call (. copy deepcopy) y)) (= t:s (. (call type x) __name__)) (expr (call (. lst append) 1)))"},
    {"f = lambda: 0; g = lambda x, y=1, *a, k, **kw: x",
     "OK (module (= f:s (lambda () 0)) (= g:s (lambda (x (y 1) *a k **kw) x)))"},
    {"x = [y for y in z]; s = {a for a in b if a if c}; d = {k: v for k, v in items}",
     "OK (module (= x:s (listcomp y (for y:s z))) (= s:s (setcomp a (for a:s b (if a) (if c)))) (= d:s (dictcomp k v (for (tuple:s k:s v:s) items))))"},
    {"x = [[0] * 3 for _ in range(3)]",
     "OK (module (= x:s (listcomp (* (list 0) 3) (for _:s (call range 3)))))"},
    {"x = [(a, b) for a in range(3) for b in range(a) if a != b]",
     "OK (module (= x:s (listcomp (tuple a b) (for a:s (call range 3)) (for b:s (call range a) (if (cmp a != b))))))"},
    {"x = (); y = (1,); z = (1, 2,); w = []; v = [1, 2,]; u = {}; t = {1: 2, **m}; s = {1, 2}; r = {*a, 3}",
     "OK (module (= x:s (tuple)) (= y:s (tuple 1)) (= z:s (tuple 1 2)) (= w:s (list)) (= v:s (list 1 2)) (= u:s (dict)) (= t:s (dict (1 2) (** m))) (= s:s (set 1 2)) (= r:s (set (* a) 3)))"},
    {"x = [*a, *b]; y = *a, *b",
     "OK (module (= x:s (list (* a) (* b))) (= y:s (tuple (* a) (* b))))"},
    {"x = 1_000_000 + 0x_ff + 0o17 + 0b1010 + 0 + 00 + 1.5 + 1e10 + 1.5e-3 + .5 + 5. + 1_0.0_1e1_0",
     "OK (module (= x:s (+ (+ (+ (+ (+ (+ (+ (+ (+ (+ (+ 1000000 0xff) 0o17) 0b1010) 0) 00) 1.5) 10000000000.0) 0.0015) 0.5) 5.0) 100100000000.0)))"},
    {"x = 123456789012345678901234567890 + 9223372036854775807 + 9223372036854775808 + 0xFFFFFFFFFFFFFFFFFF",
     "OK (module (= x:s (+ (+ (+ 123456789012345678901234567890 9223372036854775807) 9223372036854775808) 0xFFFFFFFFFFFFFFFFFF)))"},
    {"x = 1e400; y = 0.1 + 0.2; z = 1e-320; w = 1e16; v = 123456789012345678.0",
     "OK (module (= x:s inf) (= y:s (+ 0.1 0.2)) (= z:s 1e-320) (= w:s 1e+16) (= v:s 1.2345678901234568e+17))"},
    {"s = 'a' \"b\" '''c''' \"\"\"d\"\"\" r'\\n' R\"\\d\" u'x' 'a\\tb\\nc\\\\d\\'e\\\"f\\x41\\u00e9\\U0001F600\\101\\0\\a\\b\\f\\v\\r'",
     "OK (module (= s:s \"abcd\\\\n\\\\dxa\\x09b\\x0ac\\\\d'e\\\"fA\303\251\360\237\230\200A\\x00\\x07\\x08\\x0c\\x0b\\x0d\"))"},
    {"s = '\303\251\342\210\206\360\237\230\200' 'ab\\\ncd'",
     "OK (module (= s:s \"\303\251\342\210\206\360\237\230\200abcd\"))"},
    {"s = ''",
     "OK (module (= s:s \"\"))"},
    {"s = '\\\n'",
     "OK (module (= s:s \"\"))"},
    {"s = '''\nline\n'''",
     "OK (module (= s:s \"\\x0aline\\x0a\"))"},
    {"f = f\"a{b}c{d!r}e{f:>10}g{h!s:{w}.{p}}\" F'{{x}}' rf'\\n{x}'",
     "OK (module (= f:s (fstr \"a\" (fv b) \"c\" (fv d !r) \"e\" (fv f (fstr \">10\")) \"g\" (fv h !s (fstr (fv w) \".\" (fv p))) \"{x}\\\\n\" (fv x))))"},
    {"f = f'{x=}' f'{ x = !s:3}' f'{x=:>4}'",
     "OK (module (= f:s (fstr \"x=\" (fv x !r) \" x = \" (fv x !s (fstr \"3\")) \"x=\" (fv x (fstr \">4\")))))"},
    {"f = f\"\"\"{a\n+ b}\"\"\"",
     "OK (module (= f:s (fstr (fv (+ a b)))))"},
    {"f = f'{a}' 'b' f'{c}'",
     "OK (module (= f:s (fstr (fv a) \"b\" (fv c))))"},
    {"x = f'' f'{a:}' f'{a!r:}'",
     "OK (module (= x:s (fstr (fv a (fstr)) (fv a !r (fstr)))))"},
    {"x = f'{x:{{}}}'",
     "OK (module (= x:s (fstr (fv x (fstr (fv (dict)))))))"},
    {"x = f\"{'a' 'b'}\"",
     "OK (module (= x:s (fstr (fv \"ab\"))))"},
    {"x = f'{a!a}' 'plain'",
     "OK (module (= x:s (fstr (fv a !a) \"plain\")))"},
    {"x = f'{(lambda: 1)()}'",
     "OK (module (= x:s (fstr (fv (call (lambda () 1))))))"},
    {"x = f'{x for x in y}'",
     "OK (module (= x:s (fstr (fv (genexp x (for x:s y))))))"},
    {"x = f'{a, b}'",
     "OK (module (= x:s (fstr (fv (tuple a b)))))"},
    {"x = ...",
     "OK (module (= x:s ...))"},
    {"t = True; f = False; n = None",
     "OK (module (= t:s True) (= f:s False) (= n:s None))"},
    {"x = y = z = f(a)(b)[c].d",
     "OK (module (= x:s y:s z:s (. (sub (call (call f a) b) c) d)))"},
    {"x = 1 if 2 else lambda: 3",
     "OK (module (= x:s (if-exp 2 1 (lambda () 3))))"},
    {"if (x): pass",
     "OK (module (if x ((pass))))"},
    {"x = ((a))",
     "OK (module (= x:s a))"},
    {"x = a.b.c.d(e).f[g](h)",
     "OK (module (= x:s (call (sub (. (call (. (. (. a b) c) d) e) f) g) h)))"},
    {"x = {**a, 'b': 1, **c}",
     "OK (module (= x:s (dict (** a) (\"b\" 1) (** c))))"},
    {"match = 1; case = 2; _ = 3; print(match, case, _)",
     "OK (module (= match:s 1) (= case:s 2) (= _:s 3) (expr (call print match case _)))"},
    {"match(x)",
     "OK (module (expr (call match x)))"},
    {"match[0] = 1",
     "OK (module (= (sub:s match 0) 1))"},
    {"x = 'abc' \\\n    'def'",
     "OK (module (= x:s \"abcdef\"))"},
    {"if x:\n    # comment\n\n    y = 1  # trailing\n    # more\nz = 2",
     "OK (module (if x ((= y:s 1))) (= z:s 2))"},
    {"x = (1 +\n     2)\ny = [\n    1,\n    2,\n]",
     "OK (module (= x:s (+ 1 2)) (= y:s (list 1 2)))"},
    {"x = 1; ",
     "OK (module (= x:s 1))"},
    {"if x: y = 1; z = 2",
     "OK (module (if x ((= y:s 1) (= z:s 2))))"},
    {"x = [i for i in range(10) if i % 2 == 0 if i > 2]",
     "OK (module (= x:s (listcomp i (for i:s (call range 10) (if (cmp (% i 2) == 0)) (if (cmp i > 2))))))"},
    {"x = {a: b for a in c for b in d}",
     "OK (module (= x:s (dictcomp a b (for a:s c) (for b:s d))))"},
    {"print(*[1, 2], sep=', ')",
     "OK (module (expr (call print (* (list 1 2)) (kw sep \", \"))))"},
    {"x = a if b else c",
     "OK (module (= x:s (if-exp b a c)))"},
    {"class_ = 1; def_ = 2",
     "OK (module (= class_:s 1) (= def_:s 2))"},
    {"\357\273\277x = 1",
     "OK (module (= x:s 1))"},
    {"x = 1\015\ny = 2\015\n",
     "OK (module (= x:s 1) (= y:s 2))"},
    {"x = 1\015y = 2",
     "OK (module (= x:s 1) (= y:s 2))"},
    {"",
     "OK (module)"},
    {"\n\n# only a comment\n",
     "OK (module)"},
    {"if x:\n\tpass",
     "OK (module (if x ((pass))))"},
    {"if a:\n  if b:\n      pass\n  x = 1",
     "OK (module (if a ((if b ((pass))) (= x:s 1))))"},
};

Test(parser, constructs) { TP_CHECK(tp_constructs, 0); }

static const tp_case tp_precedence[] = {
    {"x = -1 + +2 - ~3",
     "OK (module (= x:s (- (+ (neg 1) (pos 2)) (invert 3))))"},
    {"x = not a; y = not not b",
     "OK (module (= x:s (not a)) (= y:s (not (not b))))"},
    {"x = 1 + 2 * 3 - 4 / 5 // 6 % 7 ** 8 ** 9",
     "OK (module (= x:s (- (+ 1 (* 2 3)) (% (// (/ 4 5) 6) (** 7 (** 8 9))))))"},
    {"x = -2 ** -3 ** 2",
     "OK (module (= x:s (neg (** 2 (neg (** 3 2))))))"},
    {"x = 2 ** -1; y = -x ** 2; z = (-x) ** 2",
     "OK (module (= x:s (** 2 (neg 1))) (= y:s (neg (** x 2))) (= z:s (** (neg x) 2)))"},
    {"x = a << b >> c & d ^ e | f",
     "OK (module (= x:s (| (^ (& (>> (<< a b) c) d) e) f)))"},
    {"x = a | b ^ c & d << e + f * g ** h",
     "OK (module (= x:s (| a (^ b (& c (<< d (+ e (* f (** g h)))))))))"},
    {"x = a < b < c; y = a is not b; z = a not in b",
     "OK (module (= x:s (cmp a < b < c)) (= y:s (cmp a is-not b)) (= z:s (cmp a not-in b)))"},
    {"x = a in b == c != d >= e <= f > g",
     "OK (module (= x:s (cmp a in b == c != d >= e <= f > g)))"},
    {"x = a and b or c and not d or e",
     "OK (module (= x:s (or (and a b) (and c (not d)) e)))"},
    {"x = a or b or c; y = a and b and c",
     "OK (module (= x:s (or a b c)) (= y:s (and a b c)))"},
    {"x = (a or b) or c; y = (a and b) and c; z = (a < b) < c",
     "OK (module (= x:s (or (or a b) c)) (= y:s (and (and a b) c)) (= z:s (cmp (cmp a < b) < c)))"},
    {"x = a if b else c if d else e",
     "OK (module (= x:s (if-exp b a (if-exp d c e))))"},
    {"x = (a if b else c) if d else e",
     "OK (module (= x:s (if-exp d (if-exp b a c) e)))"},
    {"x = not a == b",
     "OK (module (= x:s (not (cmp a == b))))"},
    {"x = not a < b and c",
     "OK (module (= x:s (and (not (cmp a < b)) c)))"},
    {"x = a - b - c; y = a / b / c",
     "OK (module (= x:s (- (- a b) c)) (= y:s (/ (/ a b) c)))"},
    {"x = a - (b - c)",
     "OK (module (= x:s (- a (- b c))))"},
    {"x = -a.b; y = ~a[0]; z = -a()",
     "OK (module (= x:s (neg (. a b))) (= y:s (invert (sub a 0))) (= z:s (neg (call a))))"},
    {"x = a ** b.c ** d",
     "OK (module (= x:s (** a (** (. b c) d))))"},
    {"x = a * -b ** c",
     "OK (module (= x:s (* a (neg (** b c)))))"},
    {"x = lambda: a if b else c",
     "OK (module (= x:s (lambda () (if-exp b a c))))"},
    {"x = a == b is c",
     "OK (module (= x:s (cmp a == b is c)))"},
    {"x = 1 - -1",
     "OK (module (= x:s (- 1 (neg 1))))"},
    {"x = [1, 2][0] ** 2",
     "OK (module (= x:s (** (sub (list 1 2) 0) 2)))"},
    {"x = a == f(b < c)",
     "OK (module (= x:s (cmp a == (call f (cmp b < c)))))"},
    {"x = a and f(b and c) and d",
     "OK (module (= x:s (and a (call f (and b c)) d)))"},
    {"x = (a < b) == (c < d)",
     "OK (module (= x:s (cmp (cmp a < b) == (cmp c < d))))"},
    {"x = a < [b < c, d < e] < f",
     "OK (module (= x:s (cmp a < (list (cmp b < c) (cmp d < e)) < f)))"},
    {"x = a or (b or c) or d",
     "OK (module (= x:s (or a (or b c) d)))"},
    {"assert f(x > 3) == g(x, 1 < y)",
     "OK (module (assert (cmp (call f (cmp x > 3)) == (call g x (cmp 1 < y)))))"},
    {"x = not (a == b) == c",
     "OK (module (= x:s (not (cmp (cmp a == b) == c))))"},
};

Test(parser, precedence_and_associativity) { TP_CHECK(tp_precedence, 0); }

static const tp_case tp_positions[] = {
    {"x = (1 +\n     2)",
     "OK (module (=@1:0-2:7 x:s@1:0-1:1 (+@1:5-2:6 1@1:5-1:6 2@2:5-2:6)))"},
    {"x = 2 ** -1; z = (-x) ** 2",
     "OK (module (=@1:0-1:11 x:s@1:0-1:1 (**@1:4-1:11 2@1:4-1:5 (neg@1:9-1:11 1@1:10-1:11))) (=@1:13-1:26 z:s@1:13-1:14 (**@1:17-1:26 (neg@1:18-1:20 x@1:19-1:20) 2@1:25-1:26)))"},
    {"x = ((a))",
     "OK (module (=@1:0-1:9 x:s@1:0-1:1 a@1:6-1:7))"},
    {"(a).b(c)[d]",
     "OK (module (expr@1:0-1:11 (sub@1:0-1:11 (call@1:0-1:8 (.@1:0-1:5 a@1:1-1:2 b) c@1:6-1:7) d@1:9-1:10)))"},
    {"x = a if b else c",
     "OK (module (=@1:0-1:17 x:s@1:0-1:1 (if-exp@1:4-1:17 b@1:9-1:10 a@1:4-1:5 c@1:16-1:17)))"},
    {"x = f\"ab{a+b!r:>{w}} {c}\"",
     "OK (module (=@1:0-1:25 x:s@1:0-1:1 (fstr@1:4-1:25 \"ab\"@1:4-1:25 (fv@1:4-1:25 (+@1:9-1:12 a@1:9-1:10 b@1:11-1:12) !r (fstr@1:4-1:25 \">\"@1:4-1:25 (fv@1:4-1:25 w@1:17-1:18))) \" \"@1:4-1:25 (fv@1:4-1:25 c@1:22-1:23))))"},
    {"f = f\"\"\"{a\n+ b}\"\"\"",
     "OK (module (=@1:0-2:7 f:s@1:0-1:1 (fstr@1:4-2:7 (fv@1:4-2:7 (+@1:9-2:3 a@1:9-1:10 b@2:2-2:3)))))"},
    {"x = 'z' f'{a}' 'y'",
     "OK (module (=@1:0-1:18 x:s@1:0-1:1 (fstr@1:4-1:18 \"z\"@1:4-1:18 (fv@1:4-1:18 a@1:11-1:12) \"y\"@1:4-1:18)))"},
    {"import a.b as c\nfrom . import (x as y)",
     "OK (module (import@1:0-1:15 a.b@1:7-1:15 as c) (from .@2:0-2:22 x@2:15-2:21 as y))"},
    {"def f(a, b=1, *c, d, **e):\n    return a",
     "OK (module (def f@1:0-2:12 (a@1:6-1:7 (b@1:9-1:10 1@1:11-1:12) *c@1:15-1:16 d@1:18-1:19 **e@1:23-1:24) ((return@2:4-2:12 a@2:11-2:12))))"},
    {"for x in y:\n    pass\nelse:\n    z = 1",
     "OK (module (for@1:0-4:9 x:s@1:4-1:5 y@1:9-1:10 ((pass@2:4-2:8)) ((=@4:4-4:9 z:s@4:4-4:5 1@4:8-4:9))))"},
    {"if a:\n    b\nelif c:\n    d",
     "OK (module (if@1:0-4:5 a@1:3-1:4 ((expr@2:4-2:5 b@2:4-2:5)) ((if@3:0-4:5 c@3:5-3:6 ((expr@4:4-4:5 d@4:4-4:5))))))"},
    {"while x: pass",
     "OK (module (while@1:0-1:13 x@1:6-1:7 ((pass@1:9-1:13))))"},
    {"x = [y for y in z if y]",
     "OK (module (=@1:0-1:23 x:s@1:0-1:1 (listcomp@1:4-1:23 y@1:5-1:6 (for y:s@1:11-1:12 z@1:16-1:17 (if y@1:21-1:22)))))"},
    {"f(x for x in y)",
     "OK (module (expr@1:0-1:15 (call@1:0-1:15 f@1:0-1:1 (genexp@1:1-1:15 x@1:2-1:3 (for x:s@1:8-1:9 y@1:13-1:14)))))"},
    {"f(a, *b, c=1, **d)",
     "OK (module (expr@1:0-1:18 (call@1:0-1:18 f@1:0-1:1 a@1:2-1:3 (*@1:5-1:7 b@1:6-1:7) (kw c@1:9-1:12 1@1:11-1:12) (**@1:14-1:17 d@1:16-1:17))))"},
    {"a, b = c",
     "OK (module (=@1:0-1:8 (tuple:s@1:0-1:4 a:s@1:0-1:1 b:s@1:3-1:4) c@1:7-1:8))"},
    {"x = {1: 2, **d}",
     "OK (module (=@1:0-1:15 x:s@1:0-1:1 (dict@1:4-1:15 (1@1:5-1:6 2@1:8-1:9) (** d@1:13-1:14))))"},
    {"del a, b",
     "OK (module (del@1:0-1:8 a:d@1:4-1:5 b:d@1:7-1:8))"},
    {"x = lambda a, b=1: a",
     "OK (module (=@1:0-1:20 x:s@1:0-1:1 (lambda@1:4-1:20 (a@1:11-1:12 (b@1:14-1:15 1@1:16-1:17)) a@1:19-1:20)))"},
    {"x = a < b < c",
     "OK (module (=@1:0-1:13 x:s@1:0-1:1 (cmp@1:4-1:13 a@1:4-1:5 < b@1:8-1:9 < c@1:12-1:13)))"},
    {"x = a and b and c",
     "OK (module (=@1:0-1:17 x:s@1:0-1:1 (and@1:4-1:17 a@1:4-1:5 b@1:10-1:11 c@1:16-1:17)))"},
    {"x = -a ** b",
     "OK (module (=@1:0-1:11 x:s@1:0-1:1 (neg@1:4-1:11 (**@1:5-1:11 a@1:5-1:6 b@1:10-1:11))))"},
    {"s = '\303\251'; t = 'x'",
     "OK (module (=@1:0-1:8 s:s@1:0-1:1 \"\303\251\"@1:4-1:8) (=@1:10-1:17 t:s@1:10-1:11 \"x\"@1:14-1:17))"},
    {"x = 'a' \\\n    'b'",
     "OK (module (=@1:0-2:7 x:s@1:0-1:1 \"ab\"@1:4-2:7))"},
    {"x = ...",
     "OK (module (=@1:0-1:7 x:s@1:0-1:1 ...@1:4-1:7))"},
    {"x = 1\n\n\ny = 2\n",
     "OK (module (=@1:0-1:5 x:s@1:0-1:1 1@1:4-1:5) (=@4:0-4:5 y:s@4:0-4:1 2@4:4-4:5))"},
};

Test(parser, positions) { TP_CHECK(tp_positions, HL_AST_DUMP_POSITIONS); }

/* ---- errors (compared with CPython's SyntaxError) ---- */

static const tp_case tp_syntax_errors[] = {
    {"x = 1 +",
     "SyntaxError: invalid syntax @1:8-1:8"},
    {"x = 1 +  # c\n",
     "SyntaxError: invalid syntax @1:10-1:13"},
    {"x = = 1",
     "SyntaxError: invalid syntax @1:5-1:6"},
    {"def f(:",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"x = 1 $ 2",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"x = a ! b",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"x = a <> b",
     "SyntaxError: invalid syntax @1:7-1:9"},
    {";",
     "SyntaxError: invalid syntax @1:1-1:2"},
    {"x = 1; ; y = 2",
     "SyntaxError: invalid syntax @1:8-1:9"},
    {"import",
     "SyntaxError: invalid syntax @1:7-1:7"},
    {"from x import",
     "SyntaxError: invalid syntax @1:14-1:14"},
    {"x = not",
     "SyntaxError: invalid syntax @1:8-1:8"},
    {"x = 1 +* 2",
     "SyntaxError: invalid syntax @1:8-1:9"},
    {"x = a.",
     "SyntaxError: invalid syntax @1:7-1:7"},
    {"x = a.1",
     "SyntaxError: invalid syntax @1:6-1:8"},
    {"x = [1,,2]",
     "SyntaxError: invalid syntax @1:8-1:9"},
    {"del",
     "SyntaxError: invalid syntax @1:4-1:4"},
    {"assert",
     "SyntaxError: invalid syntax @1:7-1:7"},
    {"a = 1 if 2 else",
     "SyntaxError: invalid syntax @1:16-1:16"},
    {"if True:\n    pass\nelif",
     "SyntaxError: invalid syntax @3:5-3:5"},
    {"x = 1 if 2",
     "SyntaxError: expected 'else' after 'if' expression @1:5-1:11"},
    {"x = a if b:",
     "SyntaxError: invalid syntax @1:11-1:12"},
    {"for x in range(3) print(x)",
     "SyntaxError: invalid syntax @1:19-1:24"},
    {"for x in 1 2: pass",
     "SyntaxError: invalid syntax @1:12-1:13"},
    {"x = 1\ndef f(: pass",
     "SyntaxError: invalid syntax @2:7-2:8"},
    {"bu'x'",
     "SyntaxError: invalid syntax @1:3-1:6"},
    {"x = (1 2",
     "SyntaxError: '(' was never closed @1:5-1:0"},
    {"x = [1, 2 3]",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:9-1:12"},
    {"print(a b)",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:7-1:10"},
    {"{1 2}",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:2-1:5"},
    {"x = {'a': 1 'b': 2}",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:11-1:16"},
    {"f(a, b c)",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:6-1:9"},
    {"x = (a b for b in c)",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:6-1:9"},
    {"print 'hello', x",
     "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1-1:17"},
    {"print x",
     "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1-1:8"},
    {"exec 'code'",
     "SyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)? @1:1-1:12"},
    {"x = (1 +",
     "SyntaxError: '(' was never closed @1:5-1:0"},
    {"foo(",
     "SyntaxError: '(' was never closed @1:4-1:0"},
    {"x = [1, 2\ny = 3",
     "SyntaxError: '[' was never closed @1:5-1:0"},
    {"x = [\n    1,\n    2",
     "SyntaxError: '[' was never closed @1:5-1:0"},
    {"x = (1,\ny = 2",
     "SyntaxError: '(' was never closed @1:5-1:0"},
    {"x = )",
     "SyntaxError: unmatched ')' @1:5-1:5"},
    {"x = )]",
     "SyntaxError: unmatched ')' @1:5-1:5"},
    {"x = (\n)\n)",
     "SyntaxError: unmatched ')' @3:1-3:1"},
    {"x = (]",
     "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' @1:6-1:6"},
    {"x = [1,\n2)",
     "SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' on line 1 @2:2-2:2"},
    {"x = (1,\n     2]",
     "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1 @2:7-2:7"},
    {"x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1",
     "SyntaxError: too many nested parentheses @1:205-1:205"},
    {"x = 'abc",
     "SyntaxError: unterminated string literal (detected at line 1) @1:5-1:5"},
    {"x = \"abc\\",
     "SyntaxError: unterminated string literal (detected at line 1) @1:5-1:5"},
    {"x = '''abc",
     "SyntaxError: unterminated triple-quoted string literal (detected at line 1) @1:5-1:5"},
    {"x = \"\"\"abc\n\ny",
     "SyntaxError: unterminated triple-quoted string literal (detected at line 3) @1:5-1:5"},
    {"s = \"\"\"abc\ndef",
     "SyntaxError: unterminated triple-quoted string literal (detected at line 2) @1:5-1:5"},
    {"x = 1_000_",
     "SyntaxError: invalid decimal literal @1:10-1:10"},
    {"x = 012",
     "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:5-1:6"},
    {"x = 0_1",
     "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:5-1:7"},
    {"x = 001",
     "SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers @1:5-1:7"},
    {"x = 1__0",
     "SyntaxError: invalid decimal literal @1:6-1:6"},
    {"x = 1abc",
     "SyntaxError: invalid decimal literal @1:5-1:5"},
    {"x = 5a",
     "SyntaxError: invalid decimal literal @1:5-1:5"},
    {"x = 1e",
     "SyntaxError: invalid decimal literal @1:5-1:5"},
    {"x = 1e+",
     "SyntaxError: invalid decimal literal @1:7-1:7"},
    {"x = 1.5e3_",
     "SyntaxError: invalid decimal literal @1:10-1:10"},
    {"x = 0x",
     "SyntaxError: invalid hexadecimal literal @1:6-1:6"},
    {"x = 0xg",
     "SyntaxError: invalid hexadecimal literal @1:6-1:6"},
    {"x = 0b12",
     "SyntaxError: invalid digit '2' in binary literal @1:8-1:8"},
    {"x = 0o8",
     "SyntaxError: invalid digit '8' in octal literal @1:7-1:7"},
    {"x = 1 \342\206\222 2",
     "SyntaxError: invalid character '\342\206\222' (U+2192) @1:7-1:7"},
    {"x = \342\200\234hi\342\200\235",
     "SyntaxError: invalid character '\342\200\234' (U+201C) @1:5-1:5"},
    {"\001",
     "SyntaxError: invalid non-printable character U+0001 @1:1-1:1"},
    {"x = 1\302\240+ 2",
     "SyntaxError: invalid decimal literal @1:5-1:5"},
    {"x = 1 + \\",
     "SyntaxError: unexpected EOF while parsing @1:10-1:-1"},
    {"x = 1 + \\ 2",
     "SyntaxError: unexpected character after line continuation character @1:10-1:0"},
    {"x = 1 = = 2\ny = 'abc",
     "SyntaxError: unterminated string literal (detected at line 2) @2:5-2:5"},
    {"x = = 1\ny = (",
     "SyntaxError: invalid syntax @1:5-1:6"},
    {"x = 'ab\\xg'",
     "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-3: truncated \\xXX escape @1:12-1:12"},
    {"x = 'ab\\x4'",
     "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape @1:12-1:12"},
    {"x = '\\u12'",
     "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape @1:11-1:11"},
    {"x = '\\U00110000'",
     "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character @1:17-1:17"},
    {"x = '\\N'",
     "SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape @1:9-1:9"},
    {"f'{}'",
     "SyntaxError: f-string: empty expression not allowed @1:6-1:6"},
    {"f'{ }'",
     "SyntaxError: f-string: empty expression not allowed @1:7-1:7"},
    {"f'{!r}'",
     "SyntaxError: f-string: expression required before '!' @1:8-1:8"},
    {"f'{:x}'",
     "SyntaxError: f-string: expression required before ':' @1:8-1:8"},
    {"f'{x!}'",
     "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:8-1:8"},
    {"f'{x!z}'",
     "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' @1:9-1:9"},
    {"f'{x!r }'",
     "SyntaxError: f-string: expecting '}' @1:10-1:10"},
    {"f'{x:{y:{z}}}'",
     "SyntaxError: f-string: expressions nested too deeply @1:15-1:15"},
    {"f'{'",
     "SyntaxError: f-string: expecting '}' @1:5-1:5"},
    {"f'{x'",
     "SyntaxError: f-string: expecting '}' @1:6-1:6"},
    {"f'{x:'",
     "SyntaxError: f-string: expecting '}' @1:7-1:7"},
    {"f'}'",
     "SyntaxError: f-string: single '}' is not allowed @1:5-1:5"},
    {"f'{(x}'",
     "SyntaxError: f-string: closing parenthesis '}' does not match opening parenthesis '(' @1:8-1:8"},
    {"f'{x)}'",
     "SyntaxError: f-string: unmatched ')' @1:8-1:8"},
    {"f'{x]}'",
     "SyntaxError: f-string: unmatched ']' @1:8-1:8"},
    {"f'{\"a}'",
     "SyntaxError: f-string: unterminated string @1:8-1:8"},
    {"f'{a b}'",
     "SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma? @1:2-1:5"},
    {"f'{\\'a\\'}'",
     "SyntaxError: f-string expression part cannot include a backslash @1:11-1:11"},
    {"f'{#}'",
     "SyntaxError: f-string expression part cannot include '#' @1:7-1:7"},
    {"f'{lambda x: 1}'",
     "SyntaxError: f-string: invalid syntax @1:10-1:11"},
    {"f'{a b}'\nx = 'abc",
     "SyntaxError: unterminated string literal (detected at line 2) @2:5-2:5"},
    {"f'{x}' b'y'",
     "SyntaxError: cannot mix bytes and nonbytes literals @1:12-1:12"},
    {"'a' b'y'",
     "SyntaxError: cannot mix bytes and nonbytes literals @1:9-1:9"},
    {"b'\303\251'",
     "SyntaxError: bytes can only contain ASCII literal characters @1:5-1:5"},
    {"x = {1:}",
     "SyntaxError: expression expected after dictionary key and ':' @1:7-1:8"},
    {"x = {1: 2, 3}",
     "SyntaxError: ':' expected after dictionary key @1:12-1:0"},
    {"x = {1: *a}",
     "SyntaxError: cannot use a starred expression in a dictionary value @1:9-1:11"},
    {"x = [*a for a in b]",
     "SyntaxError: iterable unpacking cannot be used in comprehension @1:6-1:8"},
    {"x = {**a for a in b}",
     "SyntaxError: dict unpacking cannot be used in dict comprehension @1:6-1:8"},
    {"x = [a, b for a in c]",
     "SyntaxError: did you forget parentheses around the comprehension target? @1:6-1:10"},
    {"x = [a, for a in c]",
     "SyntaxError: did you forget parentheses around the comprehension target? @1:6-1:8"},
    {"x = (*a)",
     "SyntaxError: cannot use starred expression here @1:6-1:8"},
    {"x = (**a)",
     "SyntaxError: cannot use double starred expression here @1:6-1:8"},
    {"[*a for a i ]",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:9-1:12"},
    {"def f(a=1, b): pass",
     "SyntaxError: non-default argument follows default argument @1:12-1:13"},
    {"def f(*): pass",
     "SyntaxError: named arguments must follow bare * @1:7-1:8"},
    {"def f(*, **k): pass",
     "SyntaxError: named arguments must follow bare * @1:7-1:8"},
    {"def f(**k, a): pass",
     "SyntaxError: arguments cannot follow var-keyword argument @1:12-1:13"},
    {"def f(*a=1): pass",
     "SyntaxError: var-positional argument cannot have default value @1:9-1:10"},
    {"def f(**k=1): pass",
     "SyntaxError: var-keyword argument cannot have default value @1:10-1:11"},
    {"def f(*a, *b): pass",
     "SyntaxError: * argument may appear only once @1:11-1:12"},
    {"def f(a=): pass",
     "SyntaxError: expected default value expression @1:8-1:9"},
    {"def f((a, b)): pass",
     "SyntaxError: Function parameters cannot be parenthesized @1:7-1:13"},
    {"def f(a, /, /): pass",
     "SyntaxError: / may appear only once @1:13-1:14"},
    {"def f(/, a): pass",
     "SyntaxError: at least one argument must precede / @1:7-1:8"},
    {"lambda *: 1",
     "SyntaxError: named arguments must follow bare * @1:9-1:10"},
    {"lambda (a): 1",
     "SyntaxError: Lambda expression parameters cannot be parenthesized @1:8-1:11"},
    {"def f:",
     "SyntaxError: expected '(' @1:6-1:7"},
    {"def (): pass",
     "SyntaxError: invalid syntax @1:5-1:6"},
    {"class A",
     "SyntaxError: expected ':' @1:8-1:8"},
    {"while x\n    pass",
     "SyntaxError: expected ':' @1:8-1:8"},
    {"if x\n    pass",
     "SyntaxError: expected ':' @1:5-1:5"},
    {"for x in y\n    pass",
     "SyntaxError: expected ':' @1:11-1:11"},
    {"if x:\n    pass\nelse\n    pass",
     "SyntaxError: expected ':' @3:5-3:5"},
    {"try\n    pass",
     "SyntaxError: expected ':' @1:4-1:4"},
    {"try:\n    pass",
     "SyntaxError: expected 'except' or 'finally' block @2:9-2:-1"},
    {"try:\n    pass\nexcept A, B:\n    pass",
     "SyntaxError: multiple exception types must be parenthesized @3:8-3:12"},
    {"try:\n    pass\nexcept\n    pass",
     "SyntaxError: expected ':' @3:7-3:7"},
    {"try:\n    pass\nfinally\n    pass",
     "SyntaxError: expected ':' @3:8-3:8"},
    {"with a\n    pass",
     "SyntaxError: expected ':' @1:7-1:7"},
    {"x\\\ng if 2\n",
     "SyntaxError: expected 'else' after 'if' expression @2:1-2:7"},
    {"x g if 2",
     "SyntaxError: expected 'else' after 'if' expression @1:3-1:9"},
    {"print x if 2",
     "SyntaxError: expected 'else' after 'if' expression @1:7-1:13"},
    {"[x g if 2]",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:2-1:5"},
    {"foo (1 2)",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:6-1:9"},
    {"print \"a\" \"b\" x",
     "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1-1:14"},
    {"print x, y",
     "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @1:1-1:11"},
    {"x y z",
     "SyntaxError: invalid syntax @1:3-1:4"},
    {"if x == 1\n    print('yes')",
     "SyntaxError: expected ':' @1:10-1:10"},
    {"else if x:\n    pass",
     "SyntaxError: invalid syntax @1:1-1:5"},
    {"x++",
     "SyntaxError: invalid syntax @1:4-1:4"},
    {"s = 'don't'",
     "SyntaxError: unterminated string literal (detected at line 1) @1:11-1:11"},
    {"1st = 5",
     "SyntaxError: invalid decimal literal @1:1-1:1"},
    {"my var = 3",
     "SyntaxError: invalid syntax @1:4-1:7"},
    {"a \342\211\240 b",
     "SyntaxError: invalid character '\342\211\240' (U+2260) @1:3-1:3"},
    {"print(\342\200\234hello\342\200\235)",
     "SyntaxError: invalid character '\342\200\234' (U+201C) @1:7-1:7"},
    {"while True print(1)",
     "SyntaxError: invalid syntax @1:12-1:17"},
    {"print(len('abc')))",
     "SyntaxError: unmatched ')' @1:18-1:18"},
    {"x = [1, 2, 3]]",
     "SyntaxError: unmatched ']' @1:14-1:14"},
    {"def f():\n    retrun 1",
     "SyntaxError: invalid syntax @2:12-2:13"},
    {"import math\nprint math.pi",
     "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? @2:1-2:14"},
    {"if (x > 3:\n    pass",
     "SyntaxError: invalid syntax @1:10-1:11"},
    {"d = {1: 'a'}\nprint(d[1)",
     "SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' @2:10-2:10"},
    {"print(1, end='' sep='')",
     "SyntaxError: invalid syntax. Perhaps you forgot a comma? @1:14-1:20"},
    {"x = [i for i in range(10) if i % 2 = 0]",
     "SyntaxError: invalid syntax @1:36-1:37"},
    {"f = lambda x: return x",
     "SyntaxError: invalid syntax @1:15-1:21"},
    {"x = 3.14.15",
     "SyntaxError: invalid syntax @1:9-1:12"},
    {"class = 1",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"lambda = 2",
     "SyntaxError: invalid syntax @1:8-1:9"},
    {"a, b = = 1, 2",
     "SyntaxError: invalid syntax @1:8-1:9"},
    {"def f(a b):\n    pass",
     "SyntaxError: invalid syntax @1:9-1:10"},
};

Test(parser, syntax_errors) { TP_CHECK(tp_syntax_errors, 0); }

static const tp_case tp_indentation_errors[] = {
    {"  x = 1",
     "IndentationError: unexpected indent @1:2-1:-1"},
    {"x = 1\n    y = 2",
     "IndentationError: unexpected indent @2:4-2:-1"},
    {"if x:\n    a\n  b",
     "IndentationError: unindent does not match any outer indentation level @3:4-3:-1"},
    {"if x:\n    pass\n  else: pass",
     "IndentationError: unindent does not match any outer indentation level @3:13-3:-1"},
    {"def f():\n    x = 1\n     y = 2",
     "IndentationError: unexpected indent @3:5-3:-1"},
    {"if x:",
     "IndentationError: expected an indented block after 'if' statement on line 1 @1:6-1:-1"},
    {"if x:\n",
     "IndentationError: expected an indented block after 'if' statement on line 1 @1:6-1:-1"},
    {"if x:\npass",
     "IndentationError: expected an indented block after 'if' statement on line 1 @2:1-2:5"},
    {"while x:\npass",
     "IndentationError: expected an indented block after 'while' statement on line 1 @2:1-2:5"},
    {"for x in y:\npass",
     "IndentationError: expected an indented block after 'for' statement on line 1 @2:1-2:5"},
    {"for x in y:\n# c\nz",
     "IndentationError: expected an indented block after 'for' statement on line 1 @3:1-3:2"},
    {"def f():\nreturn 1",
     "IndentationError: expected an indented block after function definition on line 1 @2:1-2:7"},
    {"if x:\n    pass\nelse:\npass",
     "IndentationError: expected an indented block after 'else' statement on line 3 @4:1-4:5"},
    {"if x:\n    pass\nelif y:\npass",
     "IndentationError: expected an indented block after 'elif' statement on line 3 @4:1-4:5"},
    {"while x:\n    pass\nelse:\npass",
     "IndentationError: expected an indented block after 'else' statement on line 3 @4:1-4:5"},
    {"class A:\npass",
     "IndentationError: expected an indented block after class definition on line 1 @2:1-2:5"},
    {"try:\npass",
     "IndentationError: expected an indented block after 'try' statement on line 1 @2:1-2:5"},
    {"try:\n    pass\nexcept:\npass",
     "IndentationError: expected an indented block after 'except' statement on line 3 @4:1-4:5"},
    {"try:\n    pass\nfinally:\npass",
     "IndentationError: expected an indented block after 'finally' statement on line 3 @4:1-4:5"},
    {"with a:\npass",
     "IndentationError: expected an indented block after 'with' statement on line 1 @2:1-2:5"},
    {"if x:\n\ty = 1\n        z = 2",
     "TabError: inconsistent use of tabs and spaces in indentation @3:1-3:0"},
    {"if x:\n        a = 1\n\tb = 2",
     "TabError: inconsistent use of tabs and spaces in indentation @3:1-3:0"},
    {"match x:\npass",
     "IndentationError: expected an indented block after 'match' statement on line 1 @2:1-2:5"},
};

Test(parser, indentation_errors) { TP_CHECK(tp_indentation_errors, 0); }

static const tp_case tp_assignment_errors[] = {
    {"1 = x",
     "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1-1:2"},
    {"f() = 1",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"a + b = 1",
     "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1-1:6"},
    {"x + 1 = 2",
     "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1-1:6"},
    {"print(x) = 5",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:9"},
    {"f() = 1 +",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"f() = 1 2",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"f() = 1 if x else 2",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"f() = a, b",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"f() = x = 1",
     "SyntaxError: cannot assign to function call @1:1-1:4"},
    {"x = f() = 1",
     "SyntaxError: cannot assign to function call @1:5-1:8"},
    {"(f()) = 1",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:2-1:5"},
    {"[a, f()] = 1",
     "SyntaxError: cannot assign to function call @1:5-1:8"},
    {"a, f() = 1",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:4-1:7"},
    {"f(), a = 1",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:6-1:11"},
    {"a, b = 1 +",
     "SyntaxError: invalid syntax @1:11-1:11"},
    {"f(), a = 1 +",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:6-1:11"},
    {"a, f() = 1 +",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:4-1:7"},
    {"1, 2 = 3",
     "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:4-1:5"},
    {"[1] = 2",
     "SyntaxError: cannot assign to literal @1:2-1:3"},
    {"(1, 2) = 3",
     "SyntaxError: cannot assign to literal @1:2-1:3"},
    {"a + 1, b = 3",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:8-1:13"},
    {"(a, 1) = 3",
     "SyntaxError: cannot assign to literal @1:5-1:6"},
    {"-a = 1",
     "SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='? @1:1-1:3"},
    {"a < b = 1",
     "SyntaxError: cannot assign to comparison @1:1-1:6"},
    {"not a = 1",
     "SyntaxError: cannot assign to expression @1:1-1:6"},
    {"a and b = 1",
     "SyntaxError: cannot assign to expression @1:1-1:8"},
    {"a if b else c = 1",
     "SyntaxError: cannot assign to conditional expression @1:1-1:14"},
    {"lambda: 1 = 1",
     "SyntaxError: cannot assign to lambda @1:1-1:10"},
    {"\"s\" = 1",
     "SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"f\"{a}\" = 1",
     "SyntaxError: cannot assign to f-string expression here. Maybe you meant '==' instead of '='? @1:1-1:7"},
    {"{a: b} = 1",
     "SyntaxError: cannot assign to dict literal here. Maybe you meant '==' instead of '='? @1:1-1:7"},
    {"{a} = 1",
     "SyntaxError: cannot assign to set display here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"[x for x in y] = 1",
     "SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='? @1:1-1:15"},
    {"(x for x in y) = 1",
     "SyntaxError: cannot assign to generator expression @1:1-1:15"},
    {"... = 1",
     "SyntaxError: cannot assign to ellipsis here. Maybe you meant '==' instead of '='? @1:1-1:4"},
    {"None = 1",
     "SyntaxError: cannot assign to None @1:1-1:5"},
    {"True = 1",
     "SyntaxError: cannot assign to True @1:1-1:5"},
    {"a.b() = 1",
     "SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='? @1:1-1:6"},
    {"x = a < b = 1",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:1-1:6"},
    {"x = 1 = 2",
     "SyntaxError: cannot assign to literal @1:5-1:6"},
    {"x = 1 = = 2",
     "SyntaxError: cannot assign to literal @1:5-1:6"},
    {"[1] + x = 3",
     "SyntaxError: cannot assign to expression @1:1-1:8"},
    {"[x = 1]",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:2-1:7"},
    {"[x = 1 +]",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:2-1:7"},
    {"if x = 1: pass",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:4-1:9"},
    {"if x = 1 +: pass",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:4-1:9"},
    {"while a.b = 1: pass",
     "SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='? @1:7-1:10"},
    {"x = a[b = 1]",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:7-1:12"},
    {"(a) = 1 +",
     "SyntaxError: invalid syntax @1:10-1:10"},
    {"x.y = 1 +",
     "SyntaxError: invalid syntax @1:10-1:10"},
    {"x.y = 1 2",
     "SyntaxError: invalid syntax @1:9-1:10"},
    {"del 1",
     "SyntaxError: cannot delete literal @1:5-1:6"},
    {"del a, 1",
     "SyntaxError: cannot delete literal @1:8-1:9"},
    {"del (1,)",
     "SyntaxError: cannot delete literal @1:6-1:7"},
    {"del [a, f()]",
     "SyntaxError: cannot delete function call @1:9-1:12"},
    {"del *a",
     "SyntaxError: cannot delete starred @1:5-1:7"},
    {"del f()",
     "SyntaxError: cannot delete function call @1:5-1:8"},
    {"del x + 1",
     "SyntaxError: cannot delete expression @1:5-1:10"},
    {"del x y",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"for 1 in x: pass",
     "SyntaxError: cannot assign to literal @1:5-1:6"},
    {"for f() in x: pass",
     "SyntaxError: cannot assign to function call @1:5-1:8"},
    {"for a, 1 in x: pass",
     "SyntaxError: cannot assign to literal @1:8-1:9"},
    {"for a b in x: pass",
     "SyntaxError: invalid syntax @1:7-1:8"},
    {"[x for 1 in y]",
     "SyntaxError: cannot assign to literal @1:8-1:9"},
    {"f(x) += 1",
     "SyntaxError: 'function call' is an illegal expression for augmented assignment @1:1-1:5"},
    {"a, b += 1",
     "SyntaxError: 'tuple' is an illegal expression for augmented assignment @1:1-1:5"},
    {"[a] += 1",
     "SyntaxError: 'list' is an illegal expression for augmented assignment @1:1-1:4"},
    {"1 += 1",
     "SyntaxError: 'literal' is an illegal expression for augmented assignment @1:1-1:2"},
    {"a + 1 += 1",
     "SyntaxError: 'expression' is an illegal expression for augmented assignment @1:1-1:6"},
    {"a = b += 1",
     "SyntaxError: invalid syntax @1:7-1:9"},
    {"x += ",
     "SyntaxError: invalid syntax @1:6-1:6"},
    {"a, b: int",
     "SyntaxError: only single target (not tuple) can be annotated @1:1-1:2"},
    {"[a]: int",
     "SyntaxError: only single target (not list) can be annotated @1:1-1:4"},
    {"f(): int",
     "SyntaxError: illegal target for annotation @1:1-1:4"},
    {"x = yield = 1",
     "SyntaxError: assignment to yield expression not possible @1:5-1:10"},
};

Test(parser, assignment_errors) { TP_CHECK(tp_assignment_errors, 0); }

static const tp_case tp_call_errors[] = {
    {"f(a.b = 1)",
     "SyntaxError: expression cannot contain assignment, perhaps you meant \"==\"? @1:3-1:8"},
    {"f(True=1)",
     "SyntaxError: cannot assign to True @1:3-1:8"},
    {"f(a=1, b)",
     "SyntaxError: positional argument follows keyword argument @1:9-1:10"},
    {"f(a=1, b, c)",
     "SyntaxError: positional argument follows keyword argument @1:12-1:13"},
    {"f(**a, b)",
     "SyntaxError: positional argument follows keyword argument unpacking @1:9-1:10"},
    {"f(**a, *b)",
     "SyntaxError: iterable argument unpacking follows keyword argument unpacking @1:3-1:6"},
    {"f(x for x in y, 1)",
     "SyntaxError: Generator expression must be parenthesized @1:3-1:15"},
    {"f(a, b for b in c)",
     "SyntaxError: Generator expression must be parenthesized @1:6-1:18"},
    {"f(x=1 for y in z)",
     "SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='? @1:3-1:5"},
    {"f(**a, *b",
     "SyntaxError: iterable argument unpacking follows keyword argument unpacking @1:3-1:6"},
    {"f(x for x in y, 1",
     "SyntaxError: '(' was never closed @1:2-1:0"},
    {"f(a, b for b in c",
     "SyntaxError: '(' was never closed @1:2-1:0"},
};

Test(parser, call_errors) { TP_CHECK(tp_call_errors, 0); }

static const tp_case tp_compile_errors[] = {
    {"return 1",
     "SyntaxError: 'return' outside function @1:1-1:9"},
    {"return",
     "SyntaxError: 'return' outside function @1:1-1:7"},
    {"break",
     "SyntaxError: 'break' outside loop @1:1-1:6"},
    {"continue",
     "SyntaxError: 'continue' not properly in loop @1:1-1:9"},
    {"if x:\n    break",
     "SyntaxError: 'break' outside loop @2:5-2:10"},
    {"for x in y:\n    def f():\n        break",
     "SyntaxError: 'break' outside loop @3:9-3:14"},
    {"while x:\n    pass\nelse:\n    continue",
     "SyntaxError: 'continue' not properly in loop @4:5-4:13"},
    {"class A:\n    return 1",
     "SyntaxError: 'return' outside function @2:5-2:13"},
    {"x = yield",
     "SyntaxError: 'yield' outside function @1:5-1:10"},
    {"yield 1",
     "SyntaxError: 'yield' outside function @1:1-1:8"},
    {"x = (yield)",
     "SyntaxError: 'yield' outside function @1:6-1:11"},
    {"await x",
     "SyntaxError: 'await' outside function @1:1-1:8"},
    {"def f():\n    await x",
     "SyntaxError: 'await' outside async function @2:5-2:12"},
    {"def f(a, a): pass",
     "SyntaxError: duplicate argument 'a' in function definition @1:10-1:11"},
    {"lambda a, a: 1",
     "SyntaxError: duplicate argument 'a' in function definition @1:11-1:12"},
    {"def f(a, *a): pass",
     "SyntaxError: duplicate argument 'a' in function definition @1:11-1:12"},
    {"x = 1\nglobal x",
     "SyntaxError: name 'x' is assigned to before global declaration @2:1-2:9"},
    {"print(x)\nglobal x",
     "SyntaxError: name 'x' is used prior to global declaration @2:1-2:9"},
    {"def f(x):\n    global x",
     "SyntaxError: name 'x' is parameter and global @2:5-2:13"},
    {"def f():\n    x = 1\n    global x",
     "SyntaxError: name 'x' is assigned to before global declaration @3:5-3:13"},
    {"def f(a): global a",
     "SyntaxError: name 'a' is parameter and global @1:11-1:19"},
    {"def f():\n    print(y)\n    global y",
     "SyntaxError: name 'y' is used prior to global declaration @3:5-3:13"},
    {"nonlocal x",
     "SyntaxError: nonlocal declaration not allowed at module level @1:1-1:11"},
    {"def f():\n    nonlocal x",
     "SyntaxError: no binding for nonlocal 'x' found @2:5-2:15"},
    {"def f(x):\n    nonlocal x",
     "SyntaxError: name 'x' is parameter and nonlocal @2:5-2:15"},
    {"def f():\n    def g():\n        nonlocal y",
     "SyntaxError: no binding for nonlocal 'y' found @3:9-3:19"},
    {"def f():\n    global y\n    def g():\n        nonlocal y",
     "SyntaxError: no binding for nonlocal 'y' found @4:9-4:19"},
    {"def f():\n    from x import *",
     "SyntaxError: import * only allowed at module level @2:19-2:20"},
    {"f(x=1, x=2)",
     "SyntaxError: keyword argument repeated: x @1:8-1:11"},
    {"f(x=1, x=2)(x=1, x=2)",
     "SyntaxError: keyword argument repeated: x @1:18-1:21"},
    {"*a = 1",
     "SyntaxError: starred assignment target must be in a list or tuple @1:1-1:3"},
    {"a = *b",
     "SyntaxError: can't use starred expression here @1:5-1:7"},
    {"*a, *b = c",
     "SyntaxError: multiple starred expressions in assignment @1:1-1:7"},
    {"for *a in b: pass",
     "SyntaxError: starred assignment target must be in a list or tuple @1:5-1:7"},
    {"print(*a) + *b",
     "SyntaxError: invalid syntax @1:13-1:14"},
    {"x = *a",
     "SyntaxError: can't use starred expression here @1:5-1:7"},
    {"return *a",
     "SyntaxError: 'return' outside function @1:1-1:10"},
    {"async for x in y: pass",
     "SyntaxError: 'async for' outside async function @1:1-1:23"},
    {"x = [i async for i in y]",
     "SyntaxError: asynchronous comprehension outside of an asynchronous function @1:5-1:25"},
    {"def f():\n    return [await a for a in b]",
     "SyntaxError: asynchronous comprehension outside of an asynchronous function @2:12-2:32"},
    {"def f():\n    return (a for a in await b)",
     "SyntaxError: 'await' outside async function @2:24-2:31"},
    {"await x\nx = [await a for a in b]",
     "SyntaxError: 'await' outside function @1:1-1:8"},
    {"return 1\nx = (",
     "SyntaxError: '(' was never closed @2:5-2:0"},
    {"break\nif x",
     "SyntaxError: expected ':' @2:5-2:5"},
    {"x = 1 +\nreturn 2",
     "SyntaxError: invalid syntax @1:8-1:8"},
    {"def f(a, a): pass\nreturn 1",
     "SyntaxError: duplicate argument 'a' in function definition @1:10-1:11"},
    {"return 1\ndef f(a, a): pass",
     "SyntaxError: duplicate argument 'a' in function definition @2:10-2:11"},
    {"break\nnonlocal x",
     "SyntaxError: nonlocal declaration not allowed at module level @2:1-2:11"},
    {"nonlocal x\ndef f(a, a): pass",
     "SyntaxError: duplicate argument 'a' in function definition @2:10-2:11"},
    {"def f():\n    y = 1\n    def g():\n        nonlocal y\n        y = 2\n    return g\nbreak",
     "SyntaxError: 'break' outside loop @7:1-7:6"},
};

Test(parser, compile_errors) { TP_CHECK(tp_compile_errors, 0); }

/* ---- valid Python that heaplab does not run ---- */

static const tp_case tp_unsupported[] = {
    {"class A: pass",
     "UNSUPPORTED: 'class' statements are not supported by heaplab @1:1-1:14"},
    {"try:\n    pass\nexcept ValueError as e:\n    pass",
     "UNSUPPORTED: 'try' statements are not supported by heaplab @1:1-4:9"},
    {"try:\n    pass\nfinally:\n    pass",
     "UNSUPPORTED: 'try' statements are not supported by heaplab @1:1-4:9"},
    {"with open(f) as g: pass",
     "UNSUPPORTED: 'with' statements are not supported by heaplab @1:1-1:24"},
    {"with (a as b, c as d): pass",
     "UNSUPPORTED: 'with' statements are not supported by heaplab @1:1-1:28"},
    {"async def f(): pass",
     "UNSUPPORTED: 'async def' functions are not supported by heaplab @1:1-1:20"},
    {"def f():\n    yield 1",
     "UNSUPPORTED: 'yield' expressions are not supported by heaplab @2:5-2:12"},
    {"x = lambda: (yield)",
     "UNSUPPORTED: 'yield' expressions are not supported by heaplab @1:14-1:19"},
    {"x = a @ b",
     "UNSUPPORTED: the '@' operator is not supported by heaplab @1:5-1:10"},
    {"x @= b",
     "UNSUPPORTED: the '@' operator is not supported by heaplab @1:1-1:7"},
    {"x += 1j",
     "UNSUPPORTED: complex numbers are not supported by heaplab @1:6-1:8"},
    {"@dec\ndef f(): pass",
     "UNSUPPORTED: decorators are not supported by heaplab @1:1-2:14"},
    {"x: int = 1",
     "UNSUPPORTED: variable annotations are not supported by heaplab @1:1-1:11"},
    {"x: int",
     "UNSUPPORTED: variable annotations are not supported by heaplab @1:1-1:7"},
    {"def f(x: int): pass",
     "UNSUPPORTED: annotations are not supported by heaplab @1:10-1:13"},
    {"def f() -> int: pass",
     "UNSUPPORTED: annotations are not supported by heaplab @1:12-1:15"},
    {"x = [(y := 1)]",
     "UNSUPPORTED: assignment expressions (':=') are not supported by heaplab @1:7-1:13"},
    {"match x:\n    case 1: pass",
     "UNSUPPORTED: 'match' statements are not supported by heaplab @1:1-2:17"},
    {"x = b'abc'",
     "UNSUPPORTED: bytes literals are not supported by heaplab @1:5-1:11"},
    {"x = '\\N{BULLET}'",
     "UNSUPPORTED: \\N{...} escapes are not supported by heaplab @1:5-1:17"},
    {"\303\251 = 1",
     "UNSUPPORTED: non-ASCII identifiers are not supported by heaplab @1:1-1:2"},
    {"def f(a, b, /): pass",
     "UNSUPPORTED: positional-only parameters are not supported by heaplab @1:13-1:14"},
    {"async def f():\n    return [i async for i in y]",
     "UNSUPPORTED: asynchronous comprehensions are not supported by heaplab @2:15-2:31"},
    {"def f():\n    x = yield from g()",
     "UNSUPPORTED: 'yield' expressions are not supported by heaplab @2:9-2:23"},
    {"async def f():\n    await x",
     "UNSUPPORTED: 'await' expressions are not supported by heaplab @2:5-2:12"},
    {"class A:\n    def f(self): return 1",
     "UNSUPPORTED: 'class' statements are not supported by heaplab @1:1-2:26"},
    {"try:\n    pass\nexcept* E:\n    pass",
     "UNSUPPORTED: 'try' statements are not supported by heaplab @1:1-4:9"},
    {"x = len(n := [1])",
     "UNSUPPORTED: assignment expressions (':=') are not supported by heaplab @1:9-1:17"},
    {"t = (x := 1, 2)",
     "UNSUPPORTED: assignment expressions (':=') are not supported by heaplab @1:6-1:12"},
    {"def f(*args: *Ts): pass",
     "UNSUPPORTED: annotations are not supported by heaplab @1:14-1:17"},
    {"def f():\n    return (await a for a in b)",
     "UNSUPPORTED: 'await' expressions are not supported by heaplab @2:13-2:20"},
    {"x = (await a for a in b)",
     "UNSUPPORTED: 'await' expressions are not supported by heaplab @1:6-1:13"},
};

Test(parser, unsupported) { TP_CHECK(tp_unsupported, 0); }

/* ---- the lexer ---- */

/* The kinds of src's tokens, space-separated, up to the end or an error. */
static char *tp_tokens(const char *src) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    hl_lang_error err;
    size_t len;
    char *norm = hl_lexer_normalize(src, strlen(src), "x.py", &arena, &len, &err);
    char *out = NULL;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    if (!norm) {
        fprintf(f, "error: %s", err.message);
    } else {
        hl_lexer lex;
        hl_lexer_init(&lex, norm, len, &arena);
        for (const char *sep = "";; sep = " ") {
            hl_token t = hl_lexer_next(&lex);
            if (t.kind == HL_TOK_ERROR) {
                fprintf(f, "%serror: %s", sep, lex.error.message);
                break;
            }
            if (t.kind == HL_TOK_NAME || t.kind == HL_TOK_NUMBER || t.kind == HL_TOK_STRING)
                fprintf(f, "%s%.*s", sep, (int)t.len, t.text);
            else
                fprintf(f, "%s%s", sep, hl_tok_name(t.kind));
            if (t.kind == HL_TOK_ENDMARKER) break;
        }
    }
    fclose(f);
    hl_arena_release(&arena);
    return out;
}

static const tp_case tp_token_cases[] = {
    {"x = 1", "x = 1 <newline> <end of input>"},
    {"if x:\n    y\n    z\nw\n", "if x : <newline> <indent> y <newline> z <newline> <dedent> w <newline> <end of input>"},
    {"if a:\n  if b:\n    c\nd", "if a : <newline> <indent> if b : <newline> <indent> c <newline> <dedent> <dedent> d <newline> <end of input>"},
    {"if a:\n  b\n", "if a : <newline> <indent> b <newline> <dedent> <end of input>"},
    {"x = (1,\n  2)\n", "x = ( 1 , 2 ) <newline> <end of input>"},
    {"x = [\n\n  # c\n]\n", "x = [ ] <newline> <end of input>"},
    {"x = 1 + \\\n    2\n", "x = 1 + 2 <newline> <end of input>"},
    {"# only\n\n   \n  # indented comment\nx\n", "x <newline> <end of input>"},
    {"x  # comment", "x <newline> <end of input>"},
    {"a**=b//=c<<=d>>=e->f:=g...h", "a **= b //= c <<= d >>= e -> f := g ... h <newline> <end of input>"},
    {"a!=b<=c>=d==e<f>g", "a != b <= c >= d == e < f > g <newline> <end of input>"},
    {"a $ b ? c", "a <op> b <op> c <newline> <end of input>"},
    {"x.y .5 5. 1..2", "x . y .5 5. 1. .2 <newline> <end of input>"},
    {"r'a' b'c' f'd' rb'e' Rb'f' BR'g' fr'h' Rf'i' u'j' U'k'",
     "r'a' b'c' f'd' rb'e' Rb'f' BR'g' fr'h' Rf'i' u'j' U'k' <newline> <end of input>"},
    {"bu'x' ur'x'", "bu 'x' ur 'x' <newline> <end of input>"},
    {"'''a\nb''' \"\"\"c\"\"\" 'd\\\ne'", "'''a\nb''' \"\"\"c\"\"\" 'd\\\ne' <newline> <end of input>"},
    {"True False None and or not in is lambda", "True False None and or not in is lambda <newline> <end of input>"},
    {"match case _ print", "match case _ print <newline> <end of input>"},
    {"1if 1else 0x1for", "1 if 1 else 0x1f or <newline> <end of input>"},
    {"1_000 0b_1 0o7_7 0xA_b 1e-5 1E+5 1_0.5_0e1_0 00 0_0 1j 1.5J", "1_000 0b_1 0o7_7 0xA_b 1e-5 1E+5 1_0.5_0e1_0 00 0_0 1j 1.5J <newline> <end of input>"},
    {"x = 'abc", "x = error: unterminated string literal (detected at line 1)"},
    {"x = (", "x = ( error: '(' was never closed"},
    {"\tif x:\n", "error: unexpected indent"},
};

Test(lexer, tokens) {
    for (size_t i = 0; i < sizeof tp_token_cases / sizeof tp_token_cases[0]; i++) {
        char *got = tp_tokens(tp_token_cases[i].src);
        if (strcmp(tp_token_cases[i].src, "\tif x:\n") == 0) {
            /* an indent at the start is the parser's error: the lexer gives INDENT */
            cr_expect_str_eq(got, "<indent> if x : <newline> <dedent> <end of input>");
        } else {
            cr_expect_str_eq(got, tp_token_cases[i].expect, "source: %s", tp_token_cases[i].src);
        }
        free(got);
    }
}

Test(lexer, token_positions) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    hl_lang_error err;
    size_t len;
    const char *src = "if x:  # c\n    s = '''a\nb'''\n";
    char *norm = hl_lexer_normalize(src, strlen(src), "x.py", &arena, &len, &err);
    cr_assert(norm);
    hl_lexer lex;
    hl_lexer_init(&lex, norm, len, &arena);
    struct { hl_tok kind; int line, col, end_line, end_col; } want[] = {
        {HL_TOK_IF, 1, 0, 1, 2}, {HL_TOK_NAME, 1, 3, 1, 4}, {HL_TOK_COLON, 1, 4, 1, 5},
        {HL_TOK_NEWLINE, 1, 7, 1, 10}, /* CPython's NEWLINE spans the comment before it */
        {HL_TOK_INDENT, 2, -1, 2, -1}, {HL_TOK_NAME, 2, 4, 2, 5}, {HL_TOK_EQUAL, 2, 6, 2, 7},
        {HL_TOK_STRING, 2, 8, 3, 4}, {HL_TOK_NEWLINE, 3, 4, 3, 4}, {HL_TOK_DEDENT, 3, -1, 3, -1},
        {HL_TOK_ENDMARKER, 3, -1, 3, -1}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        hl_token t = hl_lexer_next(&lex);
        cr_expect_eq(t.kind, want[i].kind, "token %zu: %s", i, hl_tok_name(t.kind));
        cr_expect(t.line == want[i].line && t.col == want[i].col && t.end_line == want[i].end_line &&
                      t.end_col == want[i].end_col,
                  "token %zu at %d:%d-%d:%d", i, t.line, t.col, t.end_line, t.end_col);
    }
    hl_arena_release(&arena);
}

Test(lexer, normalization) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    hl_lang_error err;
    size_t len;
    char *s = hl_lexer_normalize("\xef\xbb\xbfx\r\ny\rz", 9, "x.py", &arena, &len, &err);
    cr_assert(s);
    cr_expect_str_eq(s, "x\ny\nz\n");
    cr_expect_eq(len, 6);
    s = hl_lexer_normalize("", 0, "x.py", &arena, &len, &err);
    cr_expect_str_eq(s, "\n");
    cr_expect_null(hl_lexer_normalize("x = 1\ny = '\xff'\n", 13, "t.py", &arena, &len, &err));
    cr_expect_str_eq(err.message, "Non-UTF-8 code starting with '\\xff' in file t.py on line 2, but no encoding "
                                  "declared; see https://peps.python.org/pep-0263/ for details");
    cr_expect_null(hl_lexer_normalize("x\n\xed\xa0\x80", 5, "t.py", &arena, &len, &err)); /* a surrogate */
    cr_expect_null(hl_lexer_normalize("x = 1\0", 6, "t.py", &arena, &len, &err));
    cr_expect_str_eq(err.message, "source code cannot contain null bytes");
    hl_arena_release(&arena);
}

/* ---- literal values ---- */

static hl_ast_node *tp_value(const char *src, hl_arena *arena) {
    hl_parse_result r = hl_parse(src, strlen(src), "x.py", arena);
    cr_assert_eq(r.error.kind, HL_LANG_OK, "%s: %s", src, r.error.message);
    hl_ast_node *stmt = r.module->u.module.body.items[0];
    cr_assert_eq(stmt->kind, HL_AST_EXPR);
    return stmt->u.expr.value;
}

Test(lexer, integers) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    struct { const char *src; int64_t value; bool overflow; const char *text; } cases[] = {
        {"0", 0, false, "0"}, {"00", 0, false, "00"}, {"1_000_000", 1000000, false, "1000000"},
        {"0x_ff", 255, false, "0xff"}, {"0XfF", 255, false, "0XfF"}, {"0o17", 15, false, "0o17"},
        {"0b1010", 10, false, "0b1010"}, {"9223372036854775807", INT64_MAX, false, "9223372036854775807"},
        {"9223372036854775808", 0, true, "9223372036854775808"},
        {"0x7fffffffffffffff", INT64_MAX, false, "0x7fffffffffffffff"},
        {"0xffffffffffffffffff", 0, true, "0xffffffffffffffffff"},
        {"123456789012345678901234567890", 0, true, "123456789012345678901234567890"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hl_ast_node *n = tp_value(cases[i].src, &arena);
        cr_assert_eq(n->kind, HL_AST_INT, "%s", cases[i].src);
        cr_expect_eq(n->u.int_lit.overflow, cases[i].overflow, "%s", cases[i].src);
        if (!cases[i].overflow) cr_expect_eq(n->u.int_lit.value, cases[i].value, "%s", cases[i].src);
        cr_expect_str_eq(n->u.int_lit.text, cases[i].text);
    }
    /* -9223372036854775808 is the negation of an overflowing literal, as in CPython */
    hl_ast_node *n = tp_value("-9223372036854775808", &arena);
    cr_expect_eq(n->kind, HL_AST_UNARY);
    cr_expect(n->u.unary.operand->u.int_lit.overflow);
    hl_arena_release(&arena);
}

Test(lexer, floats) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    struct { const char *src; double value; const char *text; } cases[] = {
        {"1.5", 1.5, "1.5"}, {".5", 0.5, ".5"}, {"5.", 5.0, "5."}, {"1e10", 1e10, "1e10"},
        {"1_0.0_1e1_0", 10.01e10, "10.01e10"}, {"1.5E-3", 1.5e-3, "1.5E-3"}, {"0.1", 0.1, "0.1"},
        {"1e400", __builtin_inf(), "1e400"}, {"00.5", 0.5, "00.5"}, {"0e0", 0.0, "0e0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hl_ast_node *n = tp_value(cases[i].src, &arena);
        cr_assert_eq(n->kind, HL_AST_FLOAT, "%s", cases[i].src);
        cr_expect_eq(n->u.float_lit.value, cases[i].value, "%s", cases[i].src);
        cr_expect_str_eq(n->u.float_lit.text, cases[i].text);
    }
    hl_arena_release(&arena);
}

Test(lexer, string_escapes) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    struct { const char *src; const char *bytes; size_t len; } cases[] = {
        {"'a\\tb\\nc\\\\d\\'e\\\"f'", "a\tb\nc\\d'e\"f", 11},
        {"'\\a\\b\\f\\v\\r'", "\a\b\f\v\r", 5},
        {"'\\x41\\101\\0\\7'", "AA\0\a", 4},
        {"'\\u00e9\\U0001F600'", "\xc3\xa9\xf0\x9f\x98\x80", 6},
        {"'\\777'", "\xc7\xbf", 2}, /* chr(0o777), with a DeprecationWarning */
        {"'\\ud800'", "\xed\xa0\x80", 3}, /* a lone surrogate, as 3 bytes */
        {"'a\\\nb'", "ab", 2},
        {"'\\d\\é'", "\\d\\\xc3\xa9", 5},
        {"r'\\n\\x41'", "\\n\\x41", 6},
        {"'a' \"b\" '''c''' 'd'", "abcd", 4},
        {"'''a\nb'''", "a\nb", 3},
        {"''", "", 0},
        {"'é∆😀'", "\xc3\xa9\xe2\x88\x86\xf0\x9f\x98\x80", 9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hl_ast_node *n = tp_value(cases[i].src, &arena);
        cr_assert_eq(n->kind, HL_AST_STR, "%s", cases[i].src);
        cr_expect_eq(n->u.str.len, cases[i].len, "%s: length %zu", cases[i].src, n->u.str.len);
        cr_expect(memcmp(n->u.str.bytes, cases[i].bytes, cases[i].len) == 0, "%s", cases[i].src);
        cr_expect_eq(n->u.str.bytes[n->u.str.len], '\0');
    }
    hl_arena_release(&arena);
}

Test(lexer, warnings) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    const char *src = "x = '\\d'\ny = 5if 1 else 2\nz = '\\777'\nw = f'\\{x}'\n";
    hl_parse_result r = hl_parse(src, strlen(src), "x.py", &arena);
    cr_assert_eq(r.error.kind, HL_LANG_OK);
    const char *want[][2] = {{"DeprecationWarning", "invalid escape sequence '\\d'"},
                             {"SyntaxWarning", "invalid decimal literal"},
                             {"DeprecationWarning", "invalid octal escape sequence '\\777'"},
                             {"DeprecationWarning", "invalid escape sequence '\\{'"}};
    int lines[] = {1, 2, 3, 4};
    hl_lang_warning *w = r.warnings;
    for (size_t i = 0; i < 4; i++, w = w->next) {
        cr_assert(w, "warning %zu missing", i);
        cr_expect_str_eq(w->category, want[i][0]);
        cr_expect_str_eq(w->message, want[i][1]);
        cr_expect_eq(w->line, lines[i]);
    }
    cr_expect_null(w);
    hl_arena_release(&arena);
}

/* ---- the tree ---- */

Test(parser, node_details) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    const char *src = "def f(a, b=1, *c, d, e=2, **g):\n    return a\nx = f'{y!r:>{w}}'\n";
    hl_parse_result r = hl_parse(src, strlen(src), "x.py", &arena);
    cr_assert_eq(r.error.kind, HL_LANG_OK);
    hl_ast_node *def = r.module->u.module.body.items[0];
    cr_assert_eq(def->kind, HL_AST_FUNCTIONDEF);
    cr_expect_str_eq(def->u.def.name, "f");
    const hl_ast_params *ps = &def->u.def.params;
    cr_expect_eq(ps->args.len, 2);
    cr_expect_eq(ps->defaults.len, 1);
    cr_expect_str_eq(ps->vararg->u.arg.name, "c");
    cr_expect_eq(ps->kwonly.len, 2);
    cr_expect_null(ps->kw_defaults.items[0]);
    cr_expect_eq(ps->kw_defaults.items[1]->u.int_lit.value, 2);
    cr_expect_str_eq(ps->kwarg->u.arg.name, "g");
    cr_expect(def->line == 1 && def->col == 0 && def->end_line == 2 && def->end_col == 12);
    hl_ast_node *fs = r.module->u.module.body.items[1]->u.assign.value;
    cr_assert_eq(fs->kind, HL_AST_FSTRING);
    hl_ast_node *fv = fs->u.fstring.parts.items[0];
    cr_assert_eq(fv->kind, HL_AST_FORMATTED);
    cr_expect_eq(fv->u.formatted.conversion, 'r');
    cr_expect_eq(fv->u.formatted.format_spec->kind, HL_AST_FSTRING);
    cr_expect_eq(fv->u.formatted.value->col, 7); /* the name's real column in the file */
    cr_expect_str_eq(hl_ast_describe(fv), "f-string expression");
    cr_expect(r.module->height >= 3);
    hl_arena_release(&arena);
}

Test(parser, heights_bound_recursion) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    /* CPython 3.11 compiles a statement nested 3000 deep, not 3001 (python3 file.py) */
    for (int n = 2998; n <= 3000; n++) {
        size_t len = 4 + 2 * (size_t)n;
        char *src = malloc(len + 1);
        memcpy(src, "x = ", 4);
        for (int i = 0; i < n; i++) memcpy(src + 4 + 2 * i, i ? "+1" : "1 ", 2);
        src[len] = '\0';
        char *got = tp_outcome(src, len, 0);
        if (n < 3000) cr_expect(strncmp(got, "OK", 2) == 0, "%d terms: %s", n, got);
        else cr_expect_str_eq(got, "RecursionError: maximum recursion depth exceeded during compilation");
        free(got);
        free(src);
    }
    hl_arena_release(&arena);
}

/* ---- errors in order: CPython's first stage with an error wins ---- */

static const tp_case tp_priority_cases[] = {
    /* a syntax error anywhere beats an unsupported construct */
    {"class A: pass\nx = (", "SyntaxError: '(' was never closed @2:5-2:0"},
    {"x = 1j\nreturn 1", "SyntaxError: 'return' outside function @2:1-2:9"},
    {"try:\n    pass\nexcept E:\n    pass\nbreak", "SyntaxError: 'break' outside loop @5:1-5:6"},
    /* the first unsupported construct is the one reported */
    {"x = a @ b\nclass A: pass", "UNSUPPORTED: the '@' operator is not supported by heaplab @1:5-1:10"},
    /* a tokenizer error later in the file beats a parser error */
    {"x = = 1\ny = 'abc", "SyntaxError: unterminated string literal (detected at line 2) @2:5-2:5"},
    /* an over-deep tree beats symbol-table errors, which beat compiler errors */
    {"break\ndef f(a, a): pass", "SyntaxError: duplicate argument 'a' in function definition @2:10-2:11"},
};

Test(parser, error_priority) { TP_CHECK(tp_priority_cases, 0); }

/* ---- robustness ---- */

typedef struct tp_budget {
    size_t left;
} tp_budget;

static void *tp_limited_alloc(void *ud, size_t size) {
    tp_budget *b = ud;
    if (b->left < size) return NULL;
    b->left -= size;
    return malloc(size);
}

Test(parser, memory_exhaustion) {
    const char *src = "def f(a, b=[1, 2]):\n    return {k: v for k, v in a.items() if f'{k!r}' != b}\n"
                      "x = [f(i) for i in range(10)] + [1.5, 'abc', (1, 2)]\nprint(x)\n";
    /* Every allocation budget gives MemoryError or the tree, never a crash. */
    bool saw_error = false, saw_tree = false;
    for (size_t limit = 0; limit < 200000; limit += limit < 40000 ? 64 : 4096) {
        tp_budget budget = {limit};
        hl_arena arena;
        hl_arena_init(&arena, tp_limited_alloc, tp_free, &budget);
        hl_parse_result r = hl_parse(src, strlen(src), "x.py", &arena);
        if (r.error.kind == HL_LANG_MEMORY_ERROR) saw_error = true;
        else if (r.error.kind == HL_LANG_OK) saw_tree = true;
        else cr_expect_fail("limit %zu: %s", limit, r.error.message);
        hl_arena_release(&arena);
    }
    cr_expect(saw_error && saw_tree);
}

Test(parser, arena_limit) {
    hl_arena arena;
    hl_arena_init(&arena, tp_alloc, tp_free, NULL);
    arena.limit = 4096;
    cr_expect_null(hl_arena_alloc(&arena, 8192));
    cr_expect_not_null(hl_arena_alloc(&arena, 100));
    hl_parse_result r = hl_parse("x = [1, 2, 3]\n" "y = x\n", 20, "x.py", &arena);
    cr_expect_eq(r.error.kind, HL_LANG_MEMORY_ERROR);
    hl_arena_release(&arena);
    cr_expect_eq(arena.held, 0);
}

static char *tp_repeat(const char *head, const char *unit, size_t n, const char *tail) {
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + n * ul, tail, tl + 1);
    return s;
}

Test(parser, deep_nesting) {
    struct { const char *head, *unit; size_t n; const char *tail, *want; } cases[] = {
        {"x = ", "(", 199, "1", "SyntaxError: '(' was never closed @1:203-1:0"},
        {"x = ", "[", 200, "", "SyntaxError: '[' was never closed @1:204-1:0"},
        {"x = ", "[", 201, "", "SyntaxError: too many nested parentheses @1:205-1:205"},
        {"x = ", "-", 100000, "1", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = ", "not ", 100000, "1", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = ", "lambda: ", 100000, "1", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = 1", " if 1 else 1", 100000, "", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = 2", " ** 2", 100000, "", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = a", ".b", 100000, "", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = a", "()", 100000, "", "RecursionError: maximum recursion depth exceeded during compilation"},
        {"x = ", "f'{x:{", 1, "y:{z}}}'", "SyntaxError: f-string: expressions nested too deeply @1:19-1:19"},
        {"x = 1", " < 1", 100000, "", "OK"},
        {"x = 1", " and 1", 100000, "", "OK"},
        {"x", " = x", 100000, "", "OK"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *src = tp_repeat(cases[i].head, cases[i].unit, cases[i].n, cases[i].tail);
        char *got = tp_outcome(src, strlen(src), 0);
        if (strcmp(cases[i].want, "OK") == 0) cr_expect(strncmp(got, "OK", 2) == 0, "case %zu: %.80s", i, got);
        else cr_expect_str_eq(got, cases[i].want, "case %zu", i);
        free(got);
        free(src);
    }
    /* 100 levels of indentation is CPython's limit, 99 is fine */
    for (int depth = 99; depth <= 100; depth++) {
        char *src = malloc(20000), *o = src;
        for (int i = 0; i < depth; i++) o += sprintf(o, "%*sif x:\n", i, "");
        sprintf(o, "%*spass\n", depth, "");
        char *got = tp_outcome(src, strlen(src), 0);
        if (depth == 99) cr_expect(strncmp(got, "OK", 2) == 0, "%s", got);
        else cr_expect_str_eq(got, "IndentationError: too many levels of indentation @101:1-101:0");
        free(got);
        free(src);
    }
}

/* A cheap fuzz: random bytes and mutations of valid scripts never crash and always give a
 * tree or an error with a message. (The sanitizer build checks memory.) */
Test(parser, random_inputs) {
    static const char *const seeds[] = {
        "def f(a, b=1):\n    if a < b:\n        return [x * 2 for x in range(a)]\n    return {a: f'{b!r:>3}'}\n",
        "x = (1, [2, {3: 4}], 'a' \"b\")\nwhile x:\n    x = x[1:] if x else None\n",
        "import copy\ny = copy.deepcopy({'k': [1.5e3, 0x1f, 0o7]})\nprint(*y, sep='')\n",
    };
    const char alphabet[] = "()[]{}:,;.=+-*/%<>!&|^~@'\"\\#\n\t fxrb0123456789eEjJ_ifordelsewhnotandlambda";
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        char buf[256];
        size_t len;
        if (round % 3 == 0) {
            len = (size_t)(seed % sizeof buf);
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245 + 12345;
                buf[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
        } else {
            const char *s = seeds[round % 3];
            len = strlen(s);
            memcpy(buf, s, len);
            for (int k = 0; k < 4; k++) {
                seed = seed * 1103515245 + 12345;
                buf[(seed >> 8) % len] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            }
        }
        hl_arena arena;
        hl_arena_init(&arena, tp_alloc, tp_free, NULL);
        hl_parse_result r = hl_parse(buf, len, "x.py", &arena);
        if (r.error.kind == HL_LANG_OK) {
            cr_expect_not_null(r.module);
            cr_expect_not_null(hl_ast_dump(r.module, HL_AST_DUMP_POSITIONS, &arena));
        } else {
            cr_expect_null(r.module);
            cr_expect_not_null(r.error.message);
        }
        hl_arena_release(&arena);
    }
}
