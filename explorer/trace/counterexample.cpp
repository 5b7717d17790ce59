#include "explorer/trace/counterexample.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace replicheck {
namespace {

using Json = nlohmann::ordered_json;

nlohmann::ordered_json fields_json(const Trace::Fields& fields) {
  Json state = Json::object();
  for (const auto& [field, value] : fields) state[field] = value;
  return state;
}

// Field access that names what is wrong, for files from other builds.
const Json& member(const Json& j, const std::string& where, const std::string& key) {
  if (!j.is_object() || !j.contains(key))
    throw TraceFileError(fmt::format("missing field '{}{}'", where, key));
  return j.at(key);
}
std::string text(const Json& j, const std::string& where, const std::string& key) {
  const Json& v = member(j, where, key);
  if (!v.is_string()) throw TraceFileError(fmt::format("field '{}{}' is not a string", where, key));
  return v.get<std::string>();
}
std::string optional_text(const Json& j, const std::string& where, const std::string& key) {
  return j.contains(key) ? text(j, where, key) : std::string();
}
std::uint16_t step_index(const Json& j, const std::string& where, const std::string& key) {
  const Json& v = member(j, where, key);
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > UINT16_MAX)
    throw TraceFileError(fmt::format("field '{}{}' is not an index", where, key));
  return v.get<std::uint16_t>();
}
Trace::Fields fields(const Json& j, const std::string& where) {
  const Json& state = member(j, where, "state");
  if (!state.is_object()) throw TraceFileError(fmt::format("field '{}state' is not an object", where));
  Trace::Fields out;
  for (const auto& [field, value] : state.items()) {
    if (!value.is_string())
      throw TraceFileError(fmt::format("field '{}state.{}' is not a string", where, field));
    out.emplace_back(field, value.get<std::string>());
  }
  return out;
}

PropertyKind property_kind(const std::string& word) {
  for (PropertyKind k : {PropertyKind::Always, PropertyKind::AtQuiescence, PropertyKind::Sometimes,
                         PropertyKind::History})
    if (to_string(k) == word) return k;
  throw TraceFileError(fmt::format("unknown property kind '{}'", word));
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const char* build_id() { return REPLICHECK_BUILD_ID; }

Json to_json(const Counterexample& cx) {
  Json params = Json::object();
  for (const auto& [k, v] : cx.params) params[k] = v;
  Json property = nullptr;
  if (cx.property)
    property = {{"name", cx.property->name}, {"kind", to_string(cx.property->kind)},
                {"meaning", cx.property->meaning}};
  Json steps = Json::array();
  const auto& all = cx.trace.steps;
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto& s = all[i];
    Json step = {{"action_index", s.action_index}, {"action", s.action}, {"lane", s.info.lane},
                 {"kind", to_string(s.info.kind)}};
    if (!s.info.peer.empty()) step["peer"] = s.info.peer;
    if (!s.info.label.empty()) step["label"] = s.info.label;
    if (!s.info.client_op.empty()) step["client_op"] = s.info.client_op;
    step["state"] = fields_json(s.state);
    steps.push_back(std::move(step));
  }
  Json initial = {{"index", all.empty() ? 0 : all[0].action_index},
                  {"state", all.empty() ? Json::object() : fields_json(all[0].state)}};
  return {{"schema_version", kTraceSchemaVersion},
          {"build", build_id()},
          {"model", cx.model},
          {"params", params},
          {"property", property},
          {"lanes", cx.trace.lanes},
          {"length", cx.trace.length()},
          {"initial", initial},
          {"steps", steps}};
}

Counterexample counterexample_from_json(const Json& j) {
  if (!j.is_object()) throw TraceFileError("not a trace: the top level is not an object");
  const Json& version = member(j, "", "schema_version");
  if (!version.is_number_integer() || version.get<int>() != kTraceSchemaVersion)
    throw TraceFileError(fmt::format("schema_version {} is not supported (this build reads {})",
                                     version.dump(), kTraceSchemaVersion));
  Counterexample cx;
  cx.model = text(j, "", "model");
  const Json& params = member(j, "", "params");
  if (!params.is_object()) throw TraceFileError("field 'params' is not an object");
  for (const auto& [k, v] : params.items()) {
    if (!v.is_string()) throw TraceFileError(fmt::format("field 'params.{}' is not a string", k));
    cx.params.emplace_back(k, v.get<std::string>());
  }
  const Json& property = member(j, "", "property");
  if (!property.is_null())
    cx.property = PropertyRef{text(property, "property.", "name"),
                              property_kind(text(property, "property.", "kind")),
                              text(property, "property.", "meaning")};
  const Json& lanes = member(j, "", "lanes");
  if (!lanes.is_array() || lanes.empty()) throw TraceFileError("field 'lanes' is not a list of names");
  for (const auto& lane : lanes) {
    if (!lane.is_string()) throw TraceFileError("field 'lanes' is not a list of names");
    cx.trace.lanes.push_back(lane.get<std::string>());
  }
  const Json& initial = member(j, "", "initial");
  cx.trace.steps.push_back({"", step_index(initial, "initial.", "index"), fields(initial, "initial."), {}});
  const Json& steps = member(j, "", "steps");
  if (!steps.is_array()) throw TraceFileError("field 'steps' is not a list");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Json& s = steps[i];
    std::string where = fmt::format("steps[{}].", i);
    StepInfo info{text(s, where, "lane"), StepKind::Local, optional_text(s, where, "peer"),
                  optional_text(s, where, "label"), optional_text(s, where, "client_op")};
    if (!parse_step_kind(text(s, where, "kind"), info.kind))
      throw TraceFileError(fmt::format("field '{}kind': unknown step kind '{}'", where, text(s, where, "kind")));
    cx.trace.steps.push_back({text(s, where, "action"), step_index(s, where, "action_index"), fields(s, where),
                              std::move(info)});
  }
  return cx;
}

namespace {

// "line L, column C" of a byte offset, counted as editors count them.
std::string position(const std::string& text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1 + std::size_t(std::count(text.begin(), text.begin() + long(byte), '\n'));
  std::size_t line_start = text.rfind('\n', byte ? byte - 1 : 0);
  std::size_t column = line_start == std::string::npos || byte == 0 ? byte : byte - line_start - 1;
  return fmt::format("line {}, column {}", line, column + 1);
}

}  // namespace

Counterexample load_counterexample(const std::string& path) {
  // The common mistakes first, each in words: the library's own messages
  // ("basic_filebuf::underflow", "[json.exception...]") say nothing to a user.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw TraceFileError(fmt::format("{} is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceFileError(fmt::format("{}: cannot open the trace file", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (path.ends_with(".html") || (first != std::string::npos && text[first] == '<'))
    throw TraceFileError(fmt::format("{} is an HTML trace; replay reads the .json form", path));
  Json j;
  try {
    j = Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // A parse error at the end of the text means the file was cut short.
    std::size_t end = text.find_last_not_of(" \t\r\n") + 1;
    if (e.byte > end) throw TraceFileError(fmt::format("{}: truncated JSON at {}", path, position(text, end)));
    // nlohmann's what(): "[json.exception.parse_error.101] parse error at
    // line L, column C: WHAT"; keep WHAT, with our own position.
    std::string what = e.what();
    std::size_t colon = what.find(": ");
    what = colon == std::string::npos ? "syntax error" : what.substr(colon + 2);
    throw TraceFileError(fmt::format("{}: malformed JSON at {}: {}", path, position(text, e.byte - 1), what));
  }
  try {
    return counterexample_from_json(j);
  } catch (const TraceFileError& e) {
    throw TraceFileError(fmt::format("{}: {}", path, e.what()));
  }
}

std::string json_text(const Counterexample& cx) { return to_json(cx).dump(2) + "\n"; }

std::string trace_extension_error(const std::string& path) {
  for (const char* ext : {".txt", ".json", ".mmd", ".html"})
    if (path.ends_with(ext)) return "";
  return "trace file must end in .txt, .json, .mmd or .html";
}

void write_counterexample(const std::string& path, const Counterexample& cx) {
  std::string body = path.ends_with(".json")   ? json_text(cx)
                     : path.ends_with(".mmd")  ? mermaid_sequence(cx)
                     : path.ends_with(".html") ? html_viewer(cx)
                                               : text_swimlanes(cx);
  std::ofstream out(path, std::ios::binary);
  out << body;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

std::string lane_of_field(const std::vector<std::string>& lanes, const std::string& field) {
  std::string head = lower(field.substr(0, field.find('.')));
  for (const auto& lane : lanes)
    if (lower(lane) == head) return lane;
  return "";
}

std::string verdict_sentence(const Counterexample& cx) {
  const auto& steps = cx.trace.steps;
  if (!cx.property) return "No property is violated.";
  const PropertyRef& p = *cx.property;
  bool witness = p.kind == PropertyKind::Sometimes;
  std::string what = fmt::format("{} {} property '{}' ({})", witness ? "reaches" : "violates",
                                 to_string(p.kind), p.name, p.meaning);
  std::size_t last = steps.empty() ? 0 : steps.size() - 1;
  if (last == 0) return fmt::format("The initial state {}.", what);
  std::string changed;
  for (const auto& [field, value] : steps[last].state) {
    bool same = false;
    for (const auto& [f, v] : steps[last - 1].state) same |= f == field && v == value;
    if (!same) changed += fmt::format("{}{} = {}", changed.empty() ? "" : ", ", field, value);
  }
  return fmt::format("Step {} {}: after '{}', {}.", last, what, steps[last].action,
                     changed.empty() ? "nothing changed" : changed);
}

}  // namespace replicheck
