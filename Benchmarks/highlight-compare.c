/* Prints the highlighted HTML of every block of a file (see highlight-equivalence.sh). */
#include "highlight.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* Input: blocks, each "\x1e<lang>\n<code>" ; prints the HTML of each, and CPU time to stderr. */
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); rewind(f);
    char *buf = malloc(n + 1); fread(buf, 1, n, f); buf[n] = 0;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    clock_t t0 = clock(); long blocks = 0;
    for (int r = 0; r < reps; r++) {
        char *p = buf;
        while ((p = strchr(p, 0x1e))) {
            char *nl = strchr(p, '\n'); if (!nl) break;
            char lang[64]; size_t ll = nl - p - 1; if (ll > 63) ll = 63; memcpy(lang, p + 1, ll); lang[ll] = 0;
            char *code = nl + 1; char *next = strchr(code, 0x1e); size_t len = next ? (size_t)(next - code) : strlen(code);
            char *html = sitegen_highlight(argc > 3 ? argv[3] : NULL, 1, lang, code, len, NULL);
            if (r == 0) printf("== %s\n%s\n", lang, html ? html : "(plain)");
            sitegen_highlight_free(html); blocks++;
            p = code;
        }
    }
    fprintf(stderr, "%ld blocks, %.1f us CPU per block\n", blocks, (double)(clock() - t0) / CLOCKS_PER_SEC * 1e6 / blocks);
    return 0;
}
