// Reading and writing histories. Parsers take the whole text and never do
// file I/O themselves; every problem is a ParseError naming the line.
//
// Formats (see docs/history-format.md):
//   jepsen-log  Jepsen log4j lines "INFO  jepsen.util - <process> <type> <f> <value>"
//               (porcupine's etcd_NNN.log)
//   kv-log      EDN maps, one per line, each with a :key (porcupine's cNN-*.txt)
//   edn         Jepsen history.edn: EDN maps {:process :type :f :value [:key]},
//               optionally wrapped in one top-level vector
//   json        replicheck's own format, {"format": "replicheck-history", "version": 1, ...}
// In the text formats the clock is the event's ordinal (1, 2, ...), so an
// operation's invoke/response order is the order of its lines.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "properties/history.hpp"

namespace replicheck::properties {

enum class Format : std::uint8_t { kAuto, kJepsenLog, kKvLog, kEdn, kJson };
std::string_view to_string(Format format);
bool parse_format(std::string_view name, Format& out);

struct ParseError : std::runtime_error {
  ParseError(std::size_t line, const std::string& message) : std::runtime_error(message), line(line) {}
  std::size_t line;  // 1-based; 0 when no line applies
};

// Where each operation came from, for messages.
struct SourceLines {
  std::size_t invoke = 0;    // line of the invocation (0 if unknown)
  std::size_t response = 0;  // line of the completion (0 if none or unknown)
};

struct LoadedHistory {
  History history;
  Format format = Format::kAuto;    // the format actually parsed
  std::vector<SourceLines> lines;  // parallel to history.ops
};

// Decides the format by content (first non-blank line), falling back to the
// file name's extension. Throws ParseError if neither tells.
Format detect_format(std::string_view text, std::string_view file_name);

// Parses `text` (kAuto: detect_format first). Rules shared by the text
// formats: each process has at most one open operation; a completion closes
// the process's open invocation and must name the same :f; an invocation
// still open at the end is treated as :info; events of non-integer processes
// (Jepsen's :nemesis) are skipped.
LoadedHistory parse_history(std::string_view text, Format format, std::string_view file_name = {});

// The JSON format, one operation per line. parse_history(to_json(h), kJson)
// gives back h.
std::string to_json(const History& history);

}  // namespace replicheck::properties
