/* lang/lex_string.c: string literals.
 *
 * Owns: scanning a STRING token's body to its closing quote (unterminated string errors),
 * splitting a literal into prefix and body (hl_lex_string_parts), and decoding escapes as
 * CPython's unicode_escape codec does (hl_lex_decode_escapes). Calls lexer.c's errors and
 * warnings and lex_source.c's UTF-8 encoding. */
#include "lexer_internal.h"

/* ---- strings ---- */

/* The body of a string whose opening quote was just read; the token starts at tok_start
 * (with its prefix). */
bool hl_lex_string(hl_lexer *lex, int quote, hl_token *err) {
    int first_line = lex->line;
    const char *first_line_start = lex->line_start;
    int quote_size = 1, end_quote_size = 0;
    int c = nextc(lex);
    if (c == quote) {
        c = nextc(lex);
        if (c == quote) quote_size = 3;
        else end_quote_size = 1; /* empty string */
    }
    if (c != quote) backup(lex, c);
    while (end_quote_size != quote_size) {
        c = nextc(lex);
        if (c == END_OF_INPUT || (quote_size == 1 && c == '\n')) {
            int detected = lex->line;
            lex->cur = lex->tok_start + 1;
            lex->line = first_line;
            lex->line_start = first_line_start;
            int col = (int)(lex->cur - lex->line_start);
            *err = hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, first_line, col, first_line, col,
                                   quote_size == 3 ? "unterminated triple-quoted string literal "
                                              "(detected at line %d)"
                                            : "unterminated string literal (detected at line %d)",
                            detected);
            return false;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') nextc(lex); /* skip the escaped character */
        }
    }
    return true;
}

void hl_lex_string_parts(const char *text, size_t len, hl_string_parts *out) {
    memset(out, 0, sizeof *out);
    size_t i = 0;
    for (; text[i] != '\'' && text[i] != '"'; i++) {
        char c = (char)(text[i] | 0x20);
        if (c == 'r') out->raw = true;
        else if (c == 'b') out->bytes = true;
        else if (c == 'f') out->fstring = true;
    }
    size_t rest = len - i;
    out->quote_len = rest >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i] ? 3 : 1;
    out->body = text + i + out->quote_len;
    out->len = rest - 2 * (size_t)out->quote_len;
}

/* ---- escapes ---- */

static int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* CPython decodes a literal's body by first turning each non-ASCII character into a
 * "\U%08x" escape, so the byte positions in its codec errors count 10 per such character.
 * This gives that position for an offset into the body. */
static size_t codec_position(const char *body, size_t offset) {
    size_t pos = 0;
    for (size_t i = 0; i < offset; i++) {
        unsigned char b = (unsigned char)body[i];
        if (b < 0x80) pos++;
        else if ((b & 0xC0) != 0x80) pos += 10;
    }
    return pos;
}

static const char *codec_error(hl_arena *arena, bool bytes, const char *body, size_t start,
                               size_t end, const char *reason) {
    size_t s = codec_position(body, start), e = codec_position(body, end);
    const char *codec = bytes ? "value error" : "unicode error";
    if (bytes) /* bytes literals report a ValueError with a plain reason */
        return hl_lex_format(arena, "(%s) %s at position %zu", codec, reason, s);
    if (e - s == 1)
        return hl_lex_format(arena,
                             "(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in "
                             "position %zu: %s",
                             (unsigned char)body[start], s, reason);
    return hl_lex_format(arena,
                         "(unicode error) 'unicodeescape' codec can't decode bytes in position "
                         "%zu-%zu: %s",
                         s, e - 1, reason);
}

char *hl_lex_decode_escapes(hl_lexer *lex, const char *body, size_t len, bool bytes,
                            int warn_line, size_t *out_len, const char **error,
                            const char **unsupported) {
    *error = NULL;
    /* Every escape decodes to no more bytes than it is long, except \ooo and \xhh, which
     * may give two UTF-8 bytes from two to four source bytes. */
    char *out = hl_arena_alloc(lex->arena, len + len / 2 + 1), *o = out;
    if (!out) return NULL;
    size_t i = 0;
    bool first_invalid = true;
    while (i < len) {
        if (body[i] != '\\') {
            *o++ = body[i++];
            continue;
        }
        size_t start = i++;
        if (i >= len) { /* a lone backslash ends the body: only in an f-string's pieces */
            *o++ = '\\';
            break;
        }
        char c = body[i++];
        switch (c) {
        case '\n': break;
        case '\\': *o++ = '\\'; break;
        case '\'': *o++ = '\''; break;
        case '"': *o++ = '"'; break;
        case 'a': *o++ = '\a'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'v': *o++ = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = (unsigned)(c - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++)
                v = v * 8 + (unsigned)(body[i++] - '0');
            if (v > 0377) {
                if (first_invalid)
                    hl_lex_warn(lex, "DeprecationWarning", warn_line,
                                "invalid octal escape sequence '\\%.*s'", (int)(i - start - 1),
                                body + start + 1);
                first_invalid = false;
            }
            if (bytes) *o++ = (char)(v & 0xFF);
            else o += hl_lex_utf8_encode(v, o);
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            if (bytes && c != 'x') goto invalid;
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            unsigned v = 0;
            for (int k = 0; k < digits; k++) {
                int h = i < len ? hex_value((unsigned char)body[i]) : -1;
                if (h < 0) {
                    const char *reason = c == 'x' ? "truncated \\xXX escape"
                                         : c == 'u' ? "truncated \\uXXXX escape"
                                                    : "truncated \\UXXXXXXXX escape";
                    if (bytes) {
                        *error = hl_lex_format(lex->arena,
                                               "(value error) invalid \\x escape at position %zu",
                                               start);
                    } else {
                        *error = codec_error(lex->arena, false, body, start, i, reason);
                    }
                    if (!*error) return NULL;
                    return NULL;
                }
                v = v * 16 + (unsigned)h;
                i++;
            }
            if (v > 0x10FFFF) {
                *error = codec_error(lex->arena, false, body, start, i, "illegal Unicode character");
                return NULL;
            }
            if (bytes) *o++ = (char)v;
            else o += hl_lex_utf8_encode(v, o);
            break;
        }
        case 'N':
            if (bytes) goto invalid; /* \N is no escape in bytes */
            {
                const char *close = i < len && body[i] == '{' ? memchr(body + i, '}', len - i) : NULL;
                if (!close || close == body + i + 1) {
                    *error = codec_error(lex->arena, false, body, start,
                                         close ? (size_t)(close - body) + 1 : i,
                                         "malformed \\N character escape");
                    return NULL;
                }
                *unsupported = "\\N{...} escapes are not supported by heaplab";
                i = (size_t)(close - body) + 1;
                break;
            }
        default:
        invalid:
            /* CPython keeps a backslash before a non-ASCII character without a warning. */
            if (first_invalid && (unsigned char)c < 0x80) {
                hl_lex_warn(lex, "DeprecationWarning", warn_line, "invalid escape sequence '\\%c'", c);
                first_invalid = false;
            }
            *o++ = '\\';
            i--; /* the character after the backslash is kept as it is */
            break;
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}
