// A counterexample as one self-describing object: which model and
// parameters, which property it breaks, and the trace. Every trace format
// (text swimlanes, JSON, Mermaid, HTML) is printed from it, and `replay` /
// `minimize` read it back from JSON. The JSON schema: docs/trace-format.md.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "explorer/search/result.hpp"

namespace replicheck {

// Bump when a field changes meaning or disappears; readers refuse others.
inline constexpr int kTraceSchemaVersion = 1;

// "replicheck 0.1 (COMMIT)": the version and the git commit this build was
// configured from ("unknown" outside a checkout). Written to every trace
// file as "build", so a trace says which build found it; readers ignore it.
const char* build_id();

struct PropertyRef {
  std::string name;
  PropertyKind kind = PropertyKind::Always;
  std::string meaning;
  bool operator==(const PropertyRef&) const = default;
};

struct Counterexample {
  std::string model;
  std::vector<std::pair<std::string, std::string>> params;  // effective key=value
  std::optional<PropertyRef> property;                      // none: a plain path
  Trace trace;
};

// A trace file that cannot be read: the message names the file and what.
struct TraceFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

nlohmann::ordered_json to_json(const Counterexample& cx);
// Throws TraceFileError naming the first missing or ill-typed field.
Counterexample counterexample_from_json(const nlohmann::ordered_json& j);
// Reads and validates a .json trace file; throws TraceFileError.
Counterexample load_counterexample(const std::string& path);

// The formats, each a complete file's text.
std::string text_swimlanes(const Counterexample& cx);
std::string mermaid_sequence(const Counterexample& cx);
std::string html_viewer(const Counterexample& cx);
std::string json_text(const Counterexample& cx);

// `s` as HTML or XML text or a double-quoted attribute value: & < > " escaped.
std::string markup_escaped(const std::string& s);

// "" when the path ends in a trace format's extension, else why not.
std::string trace_extension_error(const std::string& path);
// Writes the format the extension names (.txt .json .mmd .html).
void write_counterexample(const std::string& path, const Counterexample& cx);

// The fields of a trace step grouped by lane, by name: "rm0" and "rm0.log"
// belong to lane rm0 (case-insensitive); other fields belong to no lane ("").
std::string lane_of_field(const std::vector<std::string>& lanes, const std::string& field);

// One sentence: which property the last step breaks, and what it changed.
std::string verdict_sentence(const Counterexample& cx);

}  // namespace replicheck
