/* Build-time syntax highlighting over GNU Source-highlight (Debian: libsource-highlight-dev).
 * A C interface so Swift imports it without C++ interop. */
#ifndef SITEGEN_HIGHLIGHT_H
#define SITEGEN_HIGHLIGHT_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

/* Highlights `length` bytes of `code` written in `language` ("python", "js", "sh", ...).
 * `languages_folder` (may be NULL) holds the theme's own `<language>.lang` files, which
 * win over the ones Source-highlight ships; `folder_version` changes when those files
 * change, so definitions parsed from older versions are not reused.
 * Returns a malloc'd HTML fragment: text escaped (& < > " '), tokens wrapped in
 * <span class="hl-ELEMENT">; no <pre> or <code>. Returns NULL when the language has no
 * definition (the caller renders the code plain), or when its definition could not be
 * read just now (a file that could not be opened): then `*unreadable` is set to 1 (it
 * may be NULL), or when highlighting this block failed (the library threw): then it is
 * set to 2 and `sitegen_highlight_failure()` says why. Safe to call from several threads. */
char *sitegen_highlight(const char *languages_folder, unsigned long folder_version,
                        const char *language, const char *code, size_t length, int *unreadable);

void sitegen_highlight_free(char *html);

/* Why this thread's last sitegen_highlight failed (status 2); malloc'd. */
char *sitegen_highlight_failure(void);

#ifdef __cplusplus
}
#endif
#endif
