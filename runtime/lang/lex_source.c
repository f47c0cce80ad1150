/* lang/lex_source.c: the source text as the tokenizer reads it.
 *
 * Owns: normalizing the source as CPython reads it (a BOM dropped, newlines unified, UTF-8
 * checked), UTF-8 decoding and encoding, which non-ASCII characters cannot be in an
 * identifier ("invalid character" errors), and byte offsets to character offsets for error
 * positions. Calls lexer.c's errors and the arena. */
#include "lexer_internal.h"

/* ---- source normalization ---- */

/* Length of the valid UTF-8 sequence at s (strict: no overlongs, surrogates or values past
 * U+10FFFF), or 0. */
static size_t utf8_valid(const unsigned char *s, const unsigned char *end) {
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
    else return 0;
    if ((size_t)(end - s) < n) return 0;
    unsigned cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

static unsigned utf8_decode(const unsigned char *s, size_t n) {
    if (n == 1) return s[0];
    unsigned cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

size_t hl_lex_utf8_encode(unsigned cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) { /* lone surrogates from \ud800 escapes come out as 3 bytes too */
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *hl_lexer_normalize(const char *src, size_t len, const char *filename, hl_arena *arena,
                         size_t *out_len, hl_lang_error *err) {
    const unsigned char *s = (const unsigned char *)src, *end = s + len;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) s += 3;
    int line = 1;
    for (const unsigned char *p = s; p < end;) {
        if (*p == '\0') {
            *err = (hl_lang_error){HL_LANG_SYNTAX_ERROR, "source code cannot contain null bytes",
                                   line, 0, line, 0};
            return NULL;
        }
        size_t n = utf8_valid(p, end);
        if (!n) {
            const char *msg = hl_lex_format(
                arena,
                "Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding "
                "declared; see https://peps.python.org/pep-0263/ for details",
                *p, filename ? filename : "<string>", line);
            *err = (hl_lang_error){msg ? HL_LANG_SYNTAX_ERROR : HL_LANG_MEMORY_ERROR,
                                   msg ? msg : "", line, 0, line, 0};
            return NULL;
        }
        if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n'))) line++;
        p += n;
    }
    if ((size_t)(end - s) > SIZE_MAX - 2) goto nomem;
    char *out = hl_arena_alloc(arena, (size_t)(end - s) + 2);
    if (!out) goto nomem;
    char *o = out;
    for (const unsigned char *p = s; p < end; p++) {
        if (*p == '\r') {
            *o++ = '\n';
            if (p + 1 < end && p[1] == '\n') p++;
        } else {
            *o++ = (char)*p;
        }
    }
    if (o == out || o[-1] != '\n') *o++ = '\n';
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
nomem:
    *err = (hl_lang_error){HL_LANG_MEMORY_ERROR, "", 0, 0, 0, 0};
    return NULL;
}

/* ---- non-ASCII characters that cannot be in an identifier ----
 * CPython accepts any identifier by Unicode's XID rules. heaplab keeps no Unicode tables;
 * it knows the punctuation, symbol, space and emoji blocks below (generated from CPython
 * 3.11's str.isidentifier and str.isprintable) well enough to give CPython's "invalid
 * character" errors for pasted quotes, arrows and the like. Any other non-ASCII letter is
 * left to the parser, which reports non-ASCII identifiers as unsupported. */
static const struct { unsigned lo, hi; unsigned char printable; } non_identifier[] = {
    {0x80, 0xA0, 0}, {0xA1, 0xA9, 1}, {0xAB, 0xAC, 1}, {0xAD, 0xAD, 0}, {0xAE, 0xB4, 1},
    {0xB6, 0xB6, 1}, {0xB8, 0xB9, 1}, {0xBB, 0xBF, 1}, {0xD7, 0xD7, 1}, {0xF7, 0xF7, 1},
    {0x2000, 0x200F, 0}, {0x2010, 0x2027, 1}, {0x2028, 0x202F, 0}, {0x2030, 0x203E, 1}, {0x2041, 0x2053, 1},
    {0x2055, 0x205E, 1}, {0x205F, 0x206F, 0}, {0x2070, 0x2070, 1}, {0x2072, 0x2073, 0}, {0x2074, 0x207E, 1},
    {0x2080, 0x208E, 1}, {0x208F, 0x208F, 0}, {0x209D, 0x209F, 0}, {0x20A0, 0x20C0, 1}, {0x20C1, 0x20CF, 0},
    {0x20DD, 0x20E0, 1}, {0x20E2, 0x20E4, 1}, {0x20F1, 0x20FF, 0}, {0x2100, 0x2101, 1}, {0x2103, 0x2106, 1},
    {0x2108, 0x2109, 1}, {0x2114, 0x2114, 1}, {0x2116, 0x2117, 1}, {0x211E, 0x2123, 1}, {0x2125, 0x2125, 1},
    {0x2127, 0x2127, 1}, {0x2129, 0x2129, 1}, {0x213A, 0x213B, 1}, {0x2140, 0x2144, 1}, {0x214A, 0x214D, 1},
    {0x214F, 0x215F, 1}, {0x2189, 0x218B, 1}, {0x218C, 0x218F, 0}, {0x2190, 0x2426, 1}, {0x2427, 0x243F, 0},
    {0x2440, 0x244A, 1}, {0x244B, 0x245F, 0}, {0x2460, 0x2B73, 1}, {0x2B74, 0x2B75, 0}, {0x2B76, 0x2B95, 1},
    {0x2B96, 0x2B96, 0}, {0x2B97, 0x2BFF, 1}, {0x3000, 0x3000, 0}, {0x3001, 0x3004, 1}, {0x3008, 0x3020, 1},
    {0x3030, 0x3030, 1}, {0x3036, 0x3037, 1}, {0x303D, 0x303F, 1}, {0xFE10, 0xFE19, 1}, {0xFE1A, 0xFE1F, 0},
    {0xFE30, 0xFE32, 1}, {0xFE35, 0xFE4C, 1}, {0xFE50, 0xFE52, 1}, {0xFE53, 0xFE53, 0}, {0xFE54, 0xFE66, 1},
    {0xFE67, 0xFE67, 0}, {0xFE68, 0xFE6B, 1}, {0xFE6C, 0xFE6F, 0}, {0xFE70, 0xFE70, 1}, {0xFE72, 0xFE72, 1},
    {0xFE74, 0xFE74, 1}, {0xFE75, 0xFE75, 0}, {0xFE76, 0xFE76, 1}, {0xFE78, 0xFE78, 1}, {0xFE7A, 0xFE7A, 1},
    {0xFE7C, 0xFE7C, 1}, {0xFE7E, 0xFE7E, 1}, {0xFEFD, 0xFF00, 0}, {0xFF01, 0xFF0F, 1}, {0xFF1A, 0xFF20, 1},
    {0xFF3B, 0xFF3E, 1}, {0xFF40, 0xFF40, 1}, {0xFF5B, 0xFF65, 1}, {0xFFBF, 0xFFC1, 0}, {0xFFC8, 0xFFC9, 0},
    {0xFFD0, 0xFFD1, 0}, {0xFFD8, 0xFFD9, 0}, {0xFFDD, 0xFFDF, 0}, {0xFFE0, 0xFFE6, 1}, {0xFFE7, 0xFFE7, 0},
    {0xFFE8, 0xFFEE, 1}, {0xFFEF, 0xFFFB, 0}, {0xFFFC, 0xFFFD, 1}, {0xFFFE, 0xFFFF, 0}, {0x1F000, 0x1F02B, 1},
    {0x1F02C, 0x1F02F, 0}, {0x1F030, 0x1F093, 1}, {0x1F094, 0x1F09F, 0}, {0x1F0A0, 0x1F0AE, 1}, {0x1F0AF, 0x1F0B0, 0},
    {0x1F0B1, 0x1F0BF, 1}, {0x1F0C0, 0x1F0C0, 0}, {0x1F0C1, 0x1F0CF, 1}, {0x1F0D0, 0x1F0D0, 0}, {0x1F0D1, 0x1F0F5, 1},
    {0x1F0F6, 0x1F0FF, 0}, {0x1F100, 0x1F1AD, 1}, {0x1F1AE, 0x1F1E5, 0}, {0x1F1E6, 0x1F202, 1}, {0x1F203, 0x1F20F, 0},
    {0x1F210, 0x1F23B, 1}, {0x1F23C, 0x1F23F, 0}, {0x1F240, 0x1F248, 1}, {0x1F249, 0x1F24F, 0}, {0x1F250, 0x1F251, 1},
    {0x1F252, 0x1F25F, 0}, {0x1F260, 0x1F265, 1}, {0x1F266, 0x1F2FF, 0}, {0x1F300, 0x1F6D7, 1}, {0x1F6D8, 0x1F6DC, 0},
    {0x1F6DD, 0x1F6EC, 1}, {0x1F6ED, 0x1F6EF, 0}, {0x1F6F0, 0x1F6FC, 1}, {0x1F6FD, 0x1F6FF, 0}, {0x1F700, 0x1F773, 1},
    {0x1F774, 0x1F77F, 0}, {0x1F780, 0x1F7D8, 1}, {0x1F7D9, 0x1F7DF, 0}, {0x1F7E0, 0x1F7EB, 1}, {0x1F7EC, 0x1F7EF, 0},
    {0x1F7F0, 0x1F7F0, 1}, {0x1F7F1, 0x1F7FF, 0}, {0x1F800, 0x1F80B, 1}, {0x1F80C, 0x1F80F, 0}, {0x1F810, 0x1F847, 1},
    {0x1F848, 0x1F84F, 0}, {0x1F850, 0x1F859, 1}, {0x1F85A, 0x1F85F, 0}, {0x1F860, 0x1F887, 1}, {0x1F888, 0x1F88F, 0},
    {0x1F890, 0x1F8AD, 1}, {0x1F8AE, 0x1F8AF, 0}, {0x1F8B0, 0x1F8B1, 1}, {0x1F8B2, 0x1F8FF, 0}, {0x1F900, 0x1FA53, 1},
    {0x1FA54, 0x1FA5F, 0}, {0x1FA60, 0x1FA6D, 1}, {0x1FA6E, 0x1FA6F, 0}, {0x1FA70, 0x1FA74, 1}, {0x1FA75, 0x1FA77, 0},
    {0x1FA78, 0x1FA7C, 1}, {0x1FA7D, 0x1FA7F, 0}, {0x1FA80, 0x1FA86, 1}, {0x1FA87, 0x1FA8F, 0}, {0x1FA90, 0x1FAAC, 1},
    {0x1FAAD, 0x1FAAF, 0}, {0x1FAB0, 0x1FABA, 1}, {0x1FABB, 0x1FABF, 0}, {0x1FAC0, 0x1FAC5, 1}, {0x1FAC6, 0x1FACF, 0},
    {0x1FAD0, 0x1FAD9, 1}, {0x1FADA, 0x1FADF, 0}, {0x1FAE0, 0x1FAE7, 1}, {0x1FAE8, 0x1FAEF, 0}, {0x1FAF0, 0x1FAF6, 1},
    {0x1FAF7, 0x1FAFF, 0},
};

/* -1 if cp may be an identifier character, else whether it is printable. */
static int non_identifier_printable(unsigned cp) {
    size_t lo = 0, hi = sizeof non_identifier / sizeof non_identifier[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < non_identifier[mid].lo) hi = mid;
        else if (cp > non_identifier[mid].hi) lo = mid + 1;
        else return non_identifier[mid].printable;
    }
    return -1;
}

/* CPython's verify_identifier: the first character that cannot be in a name is an error. */
bool hl_lex_verify_identifier(hl_lexer *lex, hl_token *err) {
    const unsigned char *p = (const unsigned char *)lex->tok_start;
    const unsigned char *end = (const unsigned char *)lex->cur;
    while (p < end) {
        size_t n = utf8_valid(p, end);
        if (n == 0) n = 1; /* cannot happen: the source was checked */
        unsigned cp = utf8_decode(p, n);
        int printable = cp >= 128 ? non_identifier_printable(cp) : -1;
        if (printable >= 0) {
            lex->cur = (const char *)p + n;
            *err = printable ? SYNTAX_ERROR(lex, "invalid character '%.*s' (U+%04X)", (int)n,
                                            (const char *)p, cp)
                             : SYNTAX_ERROR(lex, "invalid non-printable character U+%04X", cp);
            return false;
        }
        p += n;
    }
    return true;
}

/* ---- positions ---- */

int hl_lex_char_offset(const char *src, const char *end, int line, int byte_offset) {
    if (byte_offset < 1 || line < 1) return byte_offset;
    const char *p = src;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return byte_offset;
        p = nl + 1;
    }
    int chars = 0;
    for (int i = 0; i < byte_offset && p + i < end; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) chars++;
        if (p[i] == '\n') break;
    }
    return chars;
}
