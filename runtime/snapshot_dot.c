/* A heap snapshot as Graphviz DOT, in the style of Python Tutor: the frames on the left, one
 * HTML-like table per variable; one box per object on the right, headed by its type and its
 * number (with "interned", "cached" and "N refs" tags); a list's or tuple's items as cells
 * under their indexes, a set's members as cells, a dict's entries as key | value rows; a
 * reference as an arrow from a dot in its cell, an immediate as its text in the cell.
 *
 * Reads the public hl_snapshot graph (heaplab/snapshot.h) that snapshot.c builds, and calls
 * only gc.c (the phase's name). */
#include <stdio.h>

#include "heaplab/snapshot.h"

#define FRAME_COLOR "#e2ebf6"
#define OBJECT_COLOR "#ffffc6"
#define BORDER_COLOR "#9a9a9a"
#define MUTED_COLOR "#6b6b6b"
#define ARROW_COLOR "#3d58a2"

/* Text inside an HTML-like label. */
static void put_escaped(FILE *f, const char *p)
{
    for (; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*p, f); break;
        }
    }
}

/* gc view: a box is filled with its colour in the collection under way. */
static const char *const COLOUR_FILL[] = {[HL_GC_WHITE] = "#ffffff", [HL_GC_GREY] = "#b4b4b4", [HL_GC_BLACK] = "#3c3c3c"};
static const char *const COLOUR_NAME[] = {[HL_GC_WHITE] = "white", [HL_GC_GREY] = "grey", [HL_GC_BLACK] = "black"};

static bool dark(const hl_snapshot *s, size_t i) { return s->gc_view && s->nodes[i].colour == HL_GC_BLACK; }

/* The attributes of node i's cells. */
static const char *cell_style(const hl_snapshot *s, size_t i, char *buf, size_t size)
{
    snprintf(buf, size, "BGCOLOR=\"%s\" WIDTH=\"26\" HEIGHT=\"24\"",
             s->gc_view ? COLOUR_FILL[s->nodes[i].colour] : OBJECT_COLOR);
    return buf;
}

/* Text in a cell, white on a black box. */
static void put_cell_text(FILE *f, const char *text, bool on_dark)
{
    on_dark = on_dark && *text; /* Graphviz refuses an empty FONT */
    if (on_dark)
        fputs("<FONT COLOR=\"white\">", f);
    put_escaped(f, text);
    if (on_dark)
        fputs("</FONT>", f);
}

/* A cell holding a variable's or a slot's value: an immediate's text, a dot where an arrow
 * starts, or "..." for an object not drawn. */
static void put_value_cell(FILE *f, const hl_snapshot *s, const hl_snapshot_ref *r, const char *port,
                           size_t k, const char *attrs, bool on_dark)
{
    fprintf(f, "<TD PORT=\"%s%zu\" %s>", port, k, attrs);
    if (r->node == HL_SNAPSHOT_INLINE)
        put_cell_text(f, hl_snapshot_text(s, r->text), on_dark);
    else if (r->node == HL_SNAPSHOT_UNDRAWN)
        put_cell_text(f, "\xe2\x80\xa6", on_dark);
    else
        fputs(" ", f);
    fputs("</TD>", f);
}

static void write_frames(FILE *f, const hl_snapshot *s)
{
    fputs("  frames [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
          "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT COLOR=\"" MUTED_COLOR "\">Frames</FONT></TD></TR>\n",
          f);
    for (size_t i = 0; i < s->nframes; i++) {
        const hl_snapshot_frame *fr = &s->frames[i];
        if (i)
            fputs("<TR><TD COLSPAN=\"2\" HEIGHT=\"10\"></TD></TR>", f);
        fputs("<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BGCOLOR=\"" FRAME_COLOR "\"><B>", f);
        put_escaped(f, hl_snapshot_text(s, fr->name));
        fputs("</B></TD></TR>\n", f);
        for (size_t v = fr->first; v < fr->first + fr->nvars; v++) {
            fputs("<TR><TD ALIGN=\"RIGHT\" BGCOLOR=\"" FRAME_COLOR "\">", f);
            put_escaped(f, hl_snapshot_text(s, s->vars[v].name));
            fputs("</TD>", f);
            put_value_cell(f, s, &s->vars[v].ref, "v", v,
                           "BGCOLOR=\"white\" BORDER=\"1\" SIDES=\"LB\" COLOR=\"" BORDER_COLOR
                           "\" WIDTH=\"34\" HEIGHT=\"24\"",
                           false);
            fputs("</TR>\n", f);
        }
    }
    if (!s->nframes)
        fputs("<TR><TD> </TD></TR>", f);
    fputs("</TABLE>>];\n", f);
}

/* "list #3", then the tags. */
static void write_header(FILE *f, const hl_snapshot *s, size_t i, size_t columns)
{
    const hl_snapshot_node *n = &s->nodes[i];
    fprintf(f, "<TR><TD BORDER=\"0\" COLSPAN=\"%zu\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
               "\">%s #%zu",
            columns, n->type_name, i + 1);
    if (n->flags & HL_SNAPSHOT_INTERNED)
        fputs(" \xc2\xb7 interned", f);
    if (n->flags & HL_SNAPSHOT_CACHED)
        fputs(" \xc2\xb7 cached", f);
    if (n->in_degree > 1)
        fprintf(f, " \xc2\xb7 %zu refs", n->in_degree);
    if (s->gc_view)
        fprintf(f, " \xc2\xb7 %s", COLOUR_NAME[n->colour]);
    if (n->flags & HL_SNAPSHOT_GARBAGE)
        fputs(" \xc2\xb7 unreachable", f);
    fputs("</FONT></TD></TR>\n", f);
}

#define MUTED_CELL(text) "<TD BORDER=\"0\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR "\">" text "</FONT></TD>"

/* A list, tuple or set: a column of cells, each beside its index for a sequence, so the
 * arrows leave to the right without crossing the other items. */
static void write_cells(FILE *f, const hl_snapshot *s, size_t i, bool indexed)
{
    const hl_snapshot_node *n = &s->nodes[i];
    size_t columns = indexed ? 2 : 1;
    char cell[96];
    cell_style(s, i, cell, sizeof cell);
    write_header(f, s, i, columns);
    for (size_t k = 0; k < n->nslots; k++) {
        fputs("<TR>", f);
        if (indexed)
            fprintf(f, "<TD BORDER=\"0\" ALIGN=\"RIGHT\"><FONT POINT-SIZE=\"8\" COLOR=\"" MUTED_COLOR "\">%zu</FONT></TD>", k);
        put_value_cell(f, s, &s->slots[n->first + k], "s", k, cell, dark(s, i));
        fputs("</TR>\n", f);
    }
    if (!n->nslots)
        fprintf(f, "<TR><TD COLSPAN=\"%zu\" %s><FONT COLOR=\"" MUTED_COLOR "\"><I>empty</I></FONT></TD></TR>\n",
                columns, cell);
    if (n->hidden)
        fprintf(f, "<TR><TD BORDER=\"0\" COLSPAN=\"%zu\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
                   "\">\xe2\x80\xa6 +%zu</FONT></TD></TR>\n",
                columns, n->hidden);
}

/* A dict: a key | value row per entry. */
static void write_rows(FILE *f, const hl_snapshot *s, size_t i)
{
    const hl_snapshot_node *n = &s->nodes[i];
    char cell[96];
    const char *value_cell = s->gc_view ? cell_style(s, i, cell, sizeof cell) : "BGCOLOR=\"white\" WIDTH=\"26\" HEIGHT=\"24\"";
    char key_cell[96];
    cell_style(s, i, key_cell, sizeof key_cell);
    write_header(f, s, i, 2);
    for (size_t k = 0; k + 1 < n->nslots; k += 2) {
        fputs("<TR>", f);
        put_value_cell(f, s, &s->slots[n->first + k], "s", k, key_cell, dark(s, i));
        put_value_cell(f, s, &s->slots[n->first + k + 1], "s", k + 1, value_cell, dark(s, i));
        fputs("</TR>\n", f);
    }
    if (!n->nslots)
        fprintf(f, "<TR><TD COLSPAN=\"2\" %s><FONT COLOR=\"" MUTED_COLOR "\"><I>empty</I></FONT></TD></TR>\n", key_cell);
    if (n->hidden)
        fprintf(f, "<TR><TD BORDER=\"0\" COLSPAN=\"2\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
                   "\">\xe2\x80\xa6 +%zu</FONT></TD></TR>\n",
                n->hidden);
}

/* A str, int or float: its repr; any other object: its box, empty. */
static void write_atom(FILE *f, const hl_snapshot *s, size_t i)
{
    char cell[96];
    write_header(f, s, i, 1);
    fprintf(f, "<TR><TD %s>", cell_style(s, i, cell, sizeof cell));
    put_cell_text(f, hl_snapshot_text(s, s->nodes[i].text), dark(s, i));
    fputs(" </TD></TR>\n", f);
}

static void write_node(FILE *f, const hl_snapshot *s, size_t i)
{
    fprintf(f, "  n%zu [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" COLOR=\"" BORDER_COLOR
               "\">\n",
            i + 1);
    switch (s->nodes[i].type) {
    case HL_T_LIST:
    case HL_T_TUPLE: write_cells(f, s, i, true); break;
    case HL_T_SET: write_cells(f, s, i, false); break;
    case HL_T_DICT: write_rows(f, s, i); break;
    default: write_atom(f, s, i); break;
    }
    fputs("</TABLE>>];\n", f);
}

static void write_edge(FILE *f, const char *from, const char *port, size_t k, const hl_snapshot_ref *r)
{
    if (r->node >= 0)
        fprintf(f, "  %s:%s%zu:c -> n%d;\n", from, port, k, r->node + 1);
}

/* gc view: the phase, the grey set (the boxes drawn in it, and how many entries it has in
 * all: objects not drawn, such as the module, are grey too), and the colours' legend. */
static void write_gc_caption(FILE *f, const hl_snapshot *s)
{
    fprintf(f, "<BR/><FONT POINT-SIZE=\"10\">collector: %s \xc2\xb7 grey set (%zu):", hl_gc_phase_name(s->gc_phase),
            s->gc_grey);
    size_t shown = 0;
    for (size_t i = 0; i < s->nnodes; i++)
        if (s->nodes[i].colour == HL_GC_GREY)
            fprintf(f, "%s %s #%zu", shown++ ? "," : "", s->nodes[i].type_name, i + 1);
    if (!shown)
        fputs(s->gc_grey ? " none drawn" : " empty", f);
    fputs("<BR/>white: not reached \xc2\xb7 grey: reached, references to scan \xc2\xb7 black: scanned</FONT>", f);
}

int hl_snapshot_write_dot(const hl_snapshot *s, FILE *f)
{
    fputs("digraph heaplab {\n"
          "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=13, labelloc=t, labeljust=l, nodesep=0.25, "
          "ranksep=0.6, pad=0.2, label=<",
          f);
    put_escaped(f, hl_snapshot_text(s, s->label));
    if (s->gc_view)
        write_gc_caption(f, s);
    fputs(">];\n"
          "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=11];\n"
          "  edge [color=\"" ARROW_COLOR "\", penwidth=1.2, arrowsize=0.7, dir=both, arrowtail=dot, tailclip=false];\n",
          f);
    write_frames(f, s);
    for (size_t i = 0; i < s->nnodes; i++)
        write_node(f, s, i);
    if (s->undrawn)
        fprintf(f, "  more [label=\"\xe2\x80\xa6 %zu more object%s not drawn\", fontcolor=\"" MUTED_COLOR "\"];\n",
                s->undrawn, s->undrawn == 1 ? "" : "s");
    for (size_t v = 0; v < s->nvars; v++)
        write_edge(f, "frames", "v", v, &s->vars[v].ref);
    for (size_t i = 0; i < s->nnodes; i++) {
        char name[32];
        snprintf(name, sizeof name, "n%zu", i + 1);
        for (size_t k = 0; k < s->nodes[i].nslots; k++)
            write_edge(f, name, "s", k, &s->slots[s->nodes[i].first + k]);
    }
    fputs("}\n", f);
    return ferror(f) ? -1 : 0;
}
