/*
 * cmark-floor: the time libcmark alone needs to render every article body of a corpus,
 * on one core. This is the floor sitegen's build time is compared to.
 *
 *   cc -O2 cmark-floor.c $(pkg-config --cflags --libs libcmark) -o cmark-floor
 *   ./cmark-floor SITE_DIR [--no-smart]
 *
 * SITE_DIR is a site folder (it holds content/articles/NAME.md). Every file is read into
 * memory first (timed separately), its front matter (the lines from a first line that is
 * exactly "---" to the next such line) is skipped, and the rest is rendered with
 * cmark_markdown_to_html, one body after the other. Options match sitegen's:
 * CMARK_OPT_DEFAULT | CMARK_OPT_SMART (safe mode: raw HTML left out); --no-smart drops
 * CMARK_OPT_SMART.
 *
 * Output, one "key value" per line (seconds):
 *   articles N / markdown_bytes B / html_bytes B / read_wall S / render_cpu S / render_wall S
 */
#define _POSIX_C_SOURCE 200809L
#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct body {
    char *text; /* the whole file */
    size_t offset; /* where the Markdown starts */
    size_t length; /* of the Markdown */
};

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int has_suffix(const char *name, const char *suffix) {
    size_t n = strlen(name), s = strlen(suffix);
    return n >= s && strcmp(name + n - s, suffix) == 0;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Where the Markdown starts: after the closing "---" line of the front matter. */
static size_t body_offset(const char *text, size_t length) {
    if (!(length >= 4 && (strncmp(text, "---\n", 4) == 0 || strncmp(text, "---\r\n", 5) == 0)))
        return 0;
    size_t pos = strchr(text, '\n') - text + 1;
    while (pos < length) {
        const char *end = memchr(text + pos, '\n', length - pos);
        size_t line_end = end ? (size_t)(end - text) : length;
        size_t line_length = line_end - pos;
        if (line_length > 0 && text[line_end - 1] == '\r') line_length--;
        if (line_length == 3 && strncmp(text + pos, "---", 3) == 0)
            return end ? line_end + 1 : length;
        pos = line_end + 1;
    }
    return 0; /* no closing line: render the whole file, as cmark would */
}

int main(int argc, char **argv) {
    const char *site = NULL;
    int options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-smart") == 0) options &= ~CMARK_OPT_SMART;
        else if (!site) site = argv[i];
        else { fprintf(stderr, "usage: %s SITE_DIR [--no-smart]\n", argv[0]); return 64; }
    }
    if (!site) { fprintf(stderr, "usage: %s SITE_DIR [--no-smart]\n", argv[0]); return 64; }

    char folder[4096];
    snprintf(folder, sizeof folder, "%s/content/articles", site);
    DIR *dir = opendir(folder);
    if (!dir) { perror(folder); return 1; }
    size_t count = 0, capacity = 1024;
    char **names = malloc(capacity * sizeof *names);
    for (struct dirent *entry; (entry = readdir(dir));) {
        if (entry->d_name[0] == '.' || !has_suffix(entry->d_name, ".md")) continue;
        if (count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);

    double read_start = seconds(CLOCK_MONOTONIC);
    struct body *bodies = calloc(count ? count : 1, sizeof *bodies);
    size_t markdown_bytes = 0;
    for (size_t i = 0; i < count; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", folder, names[i]);
        FILE *file = fopen(path, "rb");
        if (!file) { perror(path); return 1; }
        fseek(file, 0, SEEK_END);
        long size = ftell(file);
        fseek(file, 0, SEEK_SET);
        char *text = malloc((size_t)size + 1);
        if (fread(text, 1, (size_t)size, file) != (size_t)size) { perror(path); return 1; }
        text[size] = '\0';
        fclose(file);
        bodies[i].text = text;
        bodies[i].offset = body_offset(text, (size_t)size);
        bodies[i].length = (size_t)size - bodies[i].offset;
        markdown_bytes += bodies[i].length;
    }
    double read_wall = seconds(CLOCK_MONOTONIC) - read_start;

    double cpu_start = seconds(CLOCK_PROCESS_CPUTIME_ID);
    double wall_start = seconds(CLOCK_MONOTONIC);
    size_t html_bytes = 0;
    for (size_t i = 0; i < count; i++) {
        char *html = cmark_markdown_to_html(bodies[i].text + bodies[i].offset, bodies[i].length, options);
        html_bytes += strlen(html);
        free(html);
    }
    double render_wall = seconds(CLOCK_MONOTONIC) - wall_start;
    double render_cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;

    printf("articles %zu\nmarkdown_bytes %zu\nhtml_bytes %zu\n", count, markdown_bytes, html_bytes);
    printf("read_wall %.4f\nrender_cpu %.4f\nrender_wall %.4f\n", read_wall, render_cpu, render_wall);
    for (size_t i = 0; i < count; i++) { free(bodies[i].text); free(names[i]); }
    free(bodies);
    free(names);
    return 0;
}
