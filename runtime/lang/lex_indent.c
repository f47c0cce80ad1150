/* lang/lex_indent.c: the layout of lines: INDENT and DEDENT.
 *
 * Owns: layout tokens, backslash continuation lines, and the indentation at the start of a
 * line, with CPython's IndentationError and TabError rules (tabs to multiples of 8, checked
 * against tabs as 1). Calls lexer.c's errors and characters. */
#include "lexer_internal.h"

hl_token hl_lex_layout(hl_lexer *lex, hl_tok kind) {
    hl_token t = {.kind = kind, .line = lex->line, .col = -1, .end_line = lex->line,
                  .end_col = -1, .level = lex->level};
    return t;
}

/* "\\\n": join the next line; anything else after a backslash is an error. */
bool hl_lex_continuation_line(hl_lexer *lex, hl_token *err) {
    int c = nextc(lex);
    if (c != '\n') {
        int col = (int)(lex->cur - lex->line_start);
        *err = hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line, col, lex->line, 0,
                               "unexpected character after line continuation character");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
        return false;
    }
    c = nextc(lex);
    if (c == END_OF_INPUT) {
        lex->cur = lex->line_end;
        int col = (int)(lex->cur - lex->line_start);
        *err = hl_lex_error_at(lex, HL_LANG_SYNTAX_ERROR, lex->line, col, lex->line, -1,
                               "unexpected EOF while parsing");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
        return false;
    }
    backup(lex, c);
    return true;
}

/* Reads indentation at the start of a logical line; false on an error. */
bool hl_lex_indentation(hl_lexer *lex, hl_token *err) {
    int col = 0, altcol = 0, c;
    for (;;) {
        c = nextc(lex);
        if (c == ' ') col++, altcol++;
        else if (c == '\t') col = (col / TABSIZE + 1) * TABSIZE, altcol++;
        else if (c == '\f') col = altcol = 0;
        else break;
    }
    backup(lex, c);
    /* Lines holding only blanks or a comment neither indent nor end a statement. */
    lex->blank_line = c == '#' || c == '\n';
    if (lex->blank_line || lex->level > 0) return true;
    int *ind = lex->indents, *alt = lex->alt_indents;
    if (col == ind[lex->indent]) {
        if (altcol != alt[lex->indent]) goto tab_error;
    } else if (col > ind[lex->indent]) {
        if (lex->indent + 1 >= HL_LEX_MAX_INDENT) {
            lex->cur = lex->line_end;
            *err = hl_lex_error_at(lex, HL_LANG_INDENTATION_ERROR, lex->line, 1, lex->line, 0,
                                   "too many levels of indentation");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
            return false;
        }
        if (altcol <= alt[lex->indent]) goto tab_error;
        lex->pending++;
        lex->indent++;
        ind[lex->indent] = col;
        alt[lex->indent] = altcol;
    } else {
        while (lex->indent > 0 && col < ind[lex->indent]) {
            lex->pending--;
            lex->indent--;
        }
        if (col != ind[lex->indent]) {
            lex->cur = lex->line_end;
            *err = hl_lex_error_at(lex, HL_LANG_INDENTATION_ERROR, lex->line,
                                   (int)(lex->cur - lex->line_start), lex->line, -1,
                                   "unindent does not match any outer indentation level");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
            return false;
        }
        if (altcol != alt[lex->indent]) goto tab_error;
    }
    return true;
tab_error:
    lex->cur = lex->line_end;
    *err = hl_lex_error_at(lex, HL_LANG_TAB_ERROR, lex->line, 1, lex->line, 0,
                           "inconsistent use of tabs and spaces in indentation");
        lex->error_raised = false; /* CPython's tok->done, not an exception */
    return false;
}
