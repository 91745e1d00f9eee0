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
#include <srchilite/highlightbuilderexception.h>
#include <srchilite/parserexception.h>
#include <srchilite/formattermanager.h>
#include <srchilite/highlightrule.h>
#include <srchilite/highlightstate.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/langmap.h>
#include <srchilite/highlighttoken.h>
#include <srchilite/matchingparameters.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/sourcehighlighter.h>

#include <sys/stat.h>

#include <stdexcept>

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

// Source-highlight looks for the next token by running every rule of the current state
// as a regex search from the current position to the end of the line, once per token: a
// rule is searched over the same stretch of the line again and again. This rule wraps the
// library's own and remembers, for the rest of a line, what its last search found:
// - nothing from position p: then nothing from any later position either (a later start
//   only removes candidates; the text before it stays visible to lookbehinds either way);
// - a match at q, searched from p: then a search from any position up to q finds the same
//   match at q, with only the text before it (the token's prefix) shorter.
// The output is the same (Benchmarks/highlight-equivalence.sh compares it byte for byte
// with the library's rules alone, in CI); the regex work is a fraction.
thread_local unsigned long currentLine = 0;  // bumped for every line highlighted
thread_local std::string failure;             // why this thread's last block failed

class RememberingRule : public srchilite::HighlightRule {
    std::unique_ptr<srchilite::HighlightRule> inner;
    // The last search on line `line`, over [from, end): no match, or `found` at `at`.
    unsigned long line = 0;
    const char *from = nullptr, *end = nullptr, *at = nullptr;
    // The text searched, [from, end): the library may search copies of parts of a line,
    // and a later copy can land at the same address with other text. Only the same text
    // at the same place counts as the same search.
    std::string searched;
    bool fromLineStart = false, matched = false;
    srchilite::HighlightToken found;

public:
    explicit RememberingRule(srchilite::HighlightRule *wrapped) : inner(wrapped) {
        for (const auto &element : wrapped->getElemList()) addElem(element);
        setAdditionalInfo(wrapped->getAdditionalInfo());
        setNeedsReferenceReplacement(wrapped->getNeedsReferenceReplacement());
        setHasSubexpressions(wrapped->getHasSubexpressions());
        // Line and multi-line rules come from the factory with their state already set.
        setNextState(wrapped->getNextState());
        setExitLevel(wrapped->getExitLevel());
        setNested(wrapped->isNested());
    }

    bool tryToMatch(std::string::const_iterator startIt, std::string::const_iterator endIt,
                    srchilite::HighlightToken &token, const srchilite::MatchingParameters &params) override {
        const char *start = &*startIt, *stop = &*endIt;
        // Only the line's first search may see a line start; later ones all see the same.
        bool sameContext = currentLine == line && stop == end &&
            (start == from ? params.beginningOfLine == fromLineStart : (start > from && !params.beginningOfLine)) &&
            std::memcmp(from, searched.data(), searched.size()) == 0;
        if (sameContext && !matched) return false;
        if (sameContext && start <= at) {
            token.copyFrom(found);
            token.prefix.assign(start, at);
            token.prefixOnlySpaces = token.prefix.find_first_not_of(' ') == std::string::npos;
            return true;
        }
        line = currentLine;
        from = start;
        end = stop;
        fromLineStart = params.beginningOfLine;
        searched.assign(start, stop);
        matched = inner->tryToMatch(startIt, endIt, token, params);
        if (matched) {
            token.rule = this;  // the state machine reads the next state from the rule it is given
            at = start + token.prefix.size();
            found.copyFrom(token);
            found.prefixOnlySpaces = token.prefixOnlySpaces;
        }
        return matched;
    }
    const std::string toString() const override { return inner->toString(); }
    void replaceReferences(const srchilite::ReplacementList &replacements) override {
        inner->replaceReferences(replacements);
    }
    srchilite::HighlightRule *clone() override {
        auto *copy = new RememberingRule(inner->clone());
        copy->setNextState(getNextState());
        copy->setExitLevel(getExitLevel());
        copy->setNested(isNested());
        return copy;
    }
};

// Makes the library's regex rules, each wrapped in a RememberingRule.
class RememberingRuleFactory : public srchilite::RegexRuleFactory {
public:
    srchilite::HighlightRule *createSimpleRule(const std::string &name, const std::string &s) override {
        return new RememberingRule(RegexRuleFactory::createSimpleRule(name, s));
    }
    srchilite::HighlightRule *createWordListRule(const std::string &name, const srchilite::WordList &list,
                                                 bool caseSensitive) override {
        return new RememberingRule(RegexRuleFactory::createWordListRule(name, list, caseSensitive));
    }
    srchilite::HighlightRule *createListRule(const std::string &name, const srchilite::WordList &list,
                                             bool caseSensitive) override {
        return new RememberingRule(RegexRuleFactory::createListRule(name, list, caseSensitive));
    }
    srchilite::HighlightRule *createLineRule(const std::string &name, const std::string &start,
                                             const std::string &end, const std::string &escape, bool nested) override {
        return new RememberingRule(RegexRuleFactory::createLineRule(name, start, end, escape, nested));
    }
    srchilite::HighlightRule *createMultiLineRule(const std::string &name, const std::string &start,
                                                  const std::string &end, const std::string &escape, bool nested) override {
        return new RememberingRule(RegexRuleFactory::createMultiLineRule(name, start, end, escape, nested));
    }
    srchilite::HighlightRule *createCompoundRule(const srchilite::ElemNameList &nameList, const std::string &rep) override {
        return new RememberingRule(RegexRuleFactory::createCompoundRule(nameList, rep));
    }
};

std::mutex parserMutex;  // guards the parser, the language map and the rule factory
std::unique_ptr<srchilite::LangMap> languageMap;
#ifdef SITEGEN_PLAIN_RULES
srchilite::RegexRuleFactory ruleFactory;  // for comparing outputs: the library's rules alone
#else
RememberingRuleFactory ruleFactory;
#endif

struct Language {
    srchilite::HighlightStatePtr state;  // null: no definition
    bool unreadable = false;             // its definition could not be read this time
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

enum class FileKind { missing, regular, other };

// stat, not open: a process short of file descriptors must not conclude "no such file".
// Anything but a regular file is refused before the parser sees it: its scanner (flex)
// ends the whole process when reading fails, as reading a folder does.
FileKind fileKind(const std::string &path) {
    struct stat info;
    if (::stat(path.c_str(), &info) != 0) return FileKind::missing;
    return S_ISREG(info.st_mode) ? FileKind::regular : FileKind::other;
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

// After a definition fails to parse, Source-highlight's parser keeps part of the failed
// file in global state, and the next definition it parses silently comes out wrong (seen:
// a YAML definition parsed right after a broken one lost its comment rule; resetting the
// flex scanner or parsing an empty definition does not help, and a second parse of the
// same file comes out right). So after a failure the next definition is parsed twice and
// the first result thrown away. Guarded by `parserMutex`.
bool parserDirty = false;

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
            if (!folder.empty()) {
                FileKind kind = fileKind(folder + "/" + candidate + ".lang");
                if (kind == FileKind::other) throw std::runtime_error("not a regular file");
                if (kind == FileKind::regular) {
                    definitionFolder = folder;
                    definitionFile = candidate + ".lang";
                    break;
                }
            }
            std::string mapped = languageMap->getMappedFileName(candidate);
            if (!mapped.empty()) {
                definitionFolder = dataFolder;
                definitionFile = mapped;
                break;
            }
        }
        if (!definitionFile.empty()) {
            if (parserDirty) {
                parserDirty = false;
                try {
                    srchilite::LangDefManager(&ruleFactory).getHighlightState(definitionFolder, definitionFile);
                } catch (...) {
                }
            }
            language->state = definitions->getHighlightState(definitionFolder, definitionFile);
            std::set<unsigned> seen;
            std::set<std::string> names;
            collectElements(language->state, seen, names);
            language->elements.assign(names.begin(), names.end());
        }
    } catch (const srchilite::ParserException &) {
        // A definition with a syntax error stays broken until its file changes (and
        // `version` with it): remember that, and render the code plain.
        parserDirty = true;
        language->state.reset();
    } catch (const srchilite::HighlightBuilderException &) {
        parserDirty = true;
        language->state.reset();
    } catch (...) {
        parserDirty = true;
        // Anything else (a file that could not be opened just now: too many open files,
        // say) may not happen again: report it for this block, but do not remember it.
        auto unreadable = std::make_shared<Language>();
        unreadable->unreadable = true;
        return unreadable;
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

extern "C" void sitegen_highlight_free(char *html) { std::free(html); }

extern "C" char *sitegen_highlight(const char *folder, unsigned long version, const char *languageName,
                                   const char *code, size_t length, int *unreadable) {
    std::shared_ptr<const Language> language = lookUp(folder, version, languageName);
    if (unreadable) *unreadable = language->unreadable ? 1 : 0;
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
            ++currentLine;
            highlighter.highlightParagraph(std::string(code + position, end - position));
            if (!newline) break;
            out += '\n';
            position = end + 1;
        }
        return copyOut(out);
    } catch (const std::exception &error) {
        // The library or the regex engine gave up on this block (out of memory, a
        // regex too complex for this text): the block must not pass as plain code.
        failure = std::string("highlighting failed: ") + error.what();
    } catch (...) {
        failure = "highlighting failed";
    }
    if (unreadable) *unreadable = 2;
    return nullptr;
}

extern "C" char *sitegen_highlight_failure(void) { return copyOut(failure); }
