// Build-time syntax highlighting on GNU Source-highlight's lower-level pieces:
//   LangMap            language name -> "python.lang"
//   LangDefManager     parses a .lang file into a HighlightState graph
//   SourceHighlighter  runs that state machine over the code, line by line
//   FormatterManager   element name -> our formatter, which appends escaped text
//                      wrapped in <span class="hl-ELEMENT"> to a string
// Not the whole-file `SourceHighlight` driver: that one writes to streams through
// outlang/style files, while sitegen needs exact class names and escaping in memory.
//
// Threads: the .lang parser (flex/bison) keeps global state, so parsing happens under
// one mutex. Parsed graphs are then cached per thread, so after a thread's first block
// in a language no lock is taken; sharing one graph across threads works too, but its
// shared_ptr reference counts would bounce between the cores.
#include "highlight.h"

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/highlightrule.h>
#include <srchilite/highlightstate.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/sourcehighlighter.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace {

const char *const dataFolder = "/usr/share/source-highlight";

std::mutex parserMutex;  // guards the parser, the language map and the rule factory
std::unique_ptr<srchilite::LangMap> languageMap;
srchilite::RegexRuleFactory ruleFactory;

struct Language {
    srchilite::HighlightStatePtr state;  // null: no definition
    std::vector<std::string> elements;   // every element its rules can produce
};

struct ThreadCache {
    // One definition manager per (folder, version): a manager keeps every file it parsed
    // by name, so a changed theme file needs a manager that has not seen the old one.
    std::map<std::string, std::unique_ptr<srchilite::LangDefManager>> definitions;
    std::map<std::string, std::shared_ptr<const Language>> languages;
};
thread_local ThreadCache threadCache;

// Names authors write in fences that Source-highlight knows by another name.
const std::vector<std::string> &otherNames(const std::string &name) {
    static const std::map<std::string, std::vector<std::string>> names = {
        {"text", {"txt"}}, {"plain", {"txt"}}, {"plaintext", {"txt"}},
        {"shell", {"sh"}}, {"bash", {"sh"}}, {"console", {"sh"}}, {"zsh", {"sh"}},
        {"ts", {"typescript", "javascript"}}, {"typescript", {"javascript"}},
        {"yml", {"yaml"}}, {"toml", {"ini"}}, {"cfg", {"ini"}},
        {"docker", {"dockerfile", "sh"}}, {"dockerfile", {"sh"}},
        {"c#", {"csharp"}}, {"cs", {"csharp"}}, {"golang", {"go"}}, {"jsonc", {"json"}},
        {"py", {"python"}}, {"rb", {"ruby"}}, {"rs", {"rust"}},
    };
    static const std::vector<std::string> none;
    auto found = names.find(name);
    return found == names.end() ? none : found->second;
}

bool fileExists(const std::string &path) {
    FILE *file = std::fopen(path.c_str(), "r");
    if (file) std::fclose(file);
    return file != nullptr;
}

void collectElements(const srchilite::HighlightStatePtr &state, std::set<unsigned> &seen,
                     std::set<std::string> &out) {
    if (!state || !seen.insert(state->getId()).second) return;
    out.insert(state->getDefaultElement());
    for (const auto &rule : state->getRuleList()) {
        for (const auto &element : rule->getElemList()) out.insert(element);
        collectElements(rule->getNextState(), seen, out);
    }
}

std::shared_ptr<const Language> lookUp(const char *folderC, unsigned long version, const char *languageC) {
    std::string folder(folderC ? folderC : "");
    std::string name(languageC ? languageC : "");
    for (auto &c : name) c = (char)std::tolower((unsigned char)c);
    std::string theme = folder + '\n' + std::to_string(version);
    std::string key = theme + '\n' + name;
    ThreadCache &cache = threadCache;
    auto cached = cache.languages.find(key);
    if (cached != cache.languages.end()) return cached->second;

    std::lock_guard<std::mutex> lock(parserMutex);
    auto language = std::make_shared<Language>();
    try {
        auto &definitions = cache.definitions[theme];
        if (!definitions) definitions.reset(new srchilite::LangDefManager(&ruleFactory));
        if (!languageMap) {
            languageMap.reset(new srchilite::LangMap(dataFolder, "lang.map"));
            languageMap->open();
        }
        std::vector<std::string> candidates{name};
        for (const auto &other : otherNames(name)) candidates.push_back(other);
        std::string definitionFolder, definitionFile;
        for (const auto &candidate : candidates) {
            // A name is a file name here: nothing that could leave the folder.
            if (candidate.empty() || candidate.find('/') != std::string::npos || candidate[0] == '.') continue;
            if (!folder.empty() && fileExists(folder + "/" + candidate + ".lang")) {
                definitionFolder = folder;
                definitionFile = candidate + ".lang";
                break;
            }
            std::string mapped = languageMap->getMappedFileName(candidate);
            if (!mapped.empty()) {
                definitionFolder = dataFolder;
                definitionFile = mapped;
                break;
            }
        }
        if (!definitionFile.empty()) {
            language->state = definitions->getHighlightState(definitionFolder, definitionFile);
            std::set<unsigned> seen;
            std::set<std::string> names;
            collectElements(language->state, seen, names);
            language->elements.assign(names.begin(), names.end());
        }
    } catch (...) {  // a definition that fails to parse: the code renders plain
        language->state.reset();
    }
    cache.languages[key] = language;
    return language;
}

void appendEscaped(std::string &out, const std::string &text) {
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
}

// Punctuation ("symbol", "cbracket") is left unwrapped: themes do not colour it, and
// wrapping every bracket would double the size of the HTML.
class SpanFormatter : public srchilite::Formatter {
    std::string *out;
    std::string opening;  // empty: plain text
public:
    SpanFormatter(std::string *out, const std::string &element) : out(out) {
        if (!element.empty() && element != "normal" && element != "symbol" && element != "cbracket")
            opening = "<span class=\"hl-" + element + "\">";
    }
    void format(const std::string &text, const srchilite::FormatterParams *) override {
        if (text.empty()) return;
        if (opening.empty()) { appendEscaped(*out, text); return; }
        *out += opening;
        appendEscaped(*out, text);
        *out += "</span>";
    }
};

char *copyOut(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy) std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

}  // namespace

extern "C" int sitegen_highlight_supports(const char *folder, unsigned long version, const char *language) {
    return lookUp(folder, version, language)->state ? 1 : 0;
}

extern "C" void sitegen_highlight_free(char *html) { std::free(html); }

extern "C" char *sitegen_highlight(const char *folder, unsigned long version, const char *languageName,
                                   const char *code, size_t length) {
    std::shared_ptr<const Language> language = lookUp(folder, version, languageName);
    if (!language->state) return nullptr;
    try {
        std::string out;
        out.reserve(length * 2 + 64);
        srchilite::FormatterManager formatters(srchilite::FormatterPtr(new SpanFormatter(&out, "normal")));
        for (const auto &element : language->elements)
            formatters.addFormatter(element, srchilite::FormatterPtr(new SpanFormatter(&out, element)));
        srchilite::SourceHighlighter highlighter(language->state);
        highlighter.setFormatterManager(&formatters);
        highlighter.setOptimize(true);  // one span for a run of the same element
        // Source-highlight works a line at a time; its state stack carries multi-line
        // comments and strings from one line to the next.
        size_t position = 0;
        while (position <= length) {
            const void *newline = std::memchr(code + position, '\n', length - position);
            size_t end = newline ? (size_t)(static_cast<const char *>(newline) - code) : length;
            highlighter.highlightParagraph(std::string(code + position, end - position));
            if (!newline) break;
            out += '\n';
            position = end + 1;
        }
        return copyOut(out);
    } catch (...) {
        return nullptr;
    }
}
