// replicheck's JSON history format (docs/history-format.md), version 1.
#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "properties/history_io.hpp"
#include "properties/io_detail.hpp"

namespace replicheck::properties {

LoadedHistory parse_json_history(std::string_view text);

namespace {

using nlohmann::json;
const std::string kFormatName = "replicheck-history";
constexpr std::int64_t kVersion = 1;
constexpr int kMaxDepth = 64;

using detail::line_of;

// Rejects absurd nesting before nlohmann builds (and later destroys) it.
void check_depth(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) throw ParseError(line_of(text, i), "JSON nested too deeply");
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}

// Line on which each element of the top-level "operations" array starts, found
// by a scan of the (already valid) text, so errors can name a line.
std::vector<std::size_t> operation_lines(std::string_view text) {
  std::vector<std::size_t> lines;
  int depth = 0, array_depth = -1;
  bool in_string = false, expect_element = false;
  std::size_t line = 1, string_start = 0;
  std::string_view last_string;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false, last_string = text.substr(string_start, i - string_start);
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ':') continue;
    if (expect_element && c != ']') lines.push_back(line);
    expect_element = false;
    if (c == '"') in_string = true, string_start = i + 1;
    else if (c == '{' || c == '[') {
      ++depth;
      if (c == '[' && depth == 2 && last_string == "operations" && array_depth < 0) array_depth = 2;
      if (depth == array_depth) expect_element = true;
    } else if (c == '}' || c == ']') {
      if (depth == array_depth) array_depth = -2;  // done: only the first such array counts
      --depth;
    } else if (c == ',' && depth == array_depth) {
      expect_element = true;
    }
  }
  return lines;
}

Value to_value(const json& v, const std::string& where) {
  if (v.is_null()) return Nil{};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX))
    return v.get<std::int64_t>();
  throw std::invalid_argument(fmt::format("{} must be null, a 64-bit integer or a string, not {}", where, v.dump()));
}

std::vector<Value> to_values(const json& op, const char* field) {
  std::vector<Value> values;
  if (!op.contains(field)) return values;
  const json& list = op[field];
  if (!list.is_array()) throw std::invalid_argument(fmt::format("\"{}\" must be an array", field));
  for (std::size_t i = 0; i < list.size(); ++i) values.push_back(to_value(list[i], fmt::format("{}[{}]", field, i)));
  return values;
}

Operation to_operation(const json& op) {
  if (!op.is_object()) throw std::invalid_argument("an operation must be an object");
  Operation out;
  for (const char* field : {"session", "f", "status", "invoke"}) {
    if (!op.contains(field)) throw std::invalid_argument(fmt::format("missing field \"{}\"", field));
  }
  if (!op["session"].is_number_integer()) throw std::invalid_argument("\"session\" must be an integer");
  out.session = op["session"].get<std::int64_t>();
  if (op.contains("key")) {
    if (!op["key"].is_string()) throw std::invalid_argument("\"key\" must be a string");
    out.key = op["key"].get<std::string>();
  }
  if (!op["f"].is_string() || !parse_op_kind(op["f"].get<std::string>(), out.kind))
    throw std::invalid_argument("\"f\" must be one of read, write, cas, append, increment (or get, put, add)");
  out.status = detail::json_status(op["status"]);
  out.input = to_values(op, "input");
  out.output = to_values(op, "output");
  out.invoke = detail::json_clock(op["invoke"], "invoke");
  if (op.contains("response") && !op["response"].is_null()) out.response = detail::json_clock(op["response"], "response");
  if (out.status != Status::kInfo && out.response == kNever)
    throw std::invalid_argument("an ok or failed operation needs a \"response\"");
  if (out.response != kNever && out.response < out.invoke)
    throw std::invalid_argument("\"response\" comes before \"invoke\"");
  return out;
}

// The format says a session has at most one operation in flight: each of a
// session's operations is invoked after the previous one's response. The
// checkers rely on it (session order is invocation order), so an overlap is
// refused rather than checked as something it is not. An info operation
// without a response never ended; a session may go on after it, as Jepsen's
// text logs do, so it overlaps nothing.
void check_one_in_flight(const LoadedHistory& loaded) {
  const auto& ops = loaded.history.ops;
  std::vector<std::size_t> order(ops.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(ops[a].session, ops[a].invoke) < std::pair(ops[b].session, ops[b].invoke);
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const Operation &earlier = ops[order[k - 1]], &later = ops[order[k]];
    if (earlier.session != later.session || earlier.response == kNever || earlier.response < later.invoke) continue;
    const std::size_t i = std::max(order[k - 1], order[k]), other = std::min(order[k - 1], order[k]);
    throw ParseError(loaded.lines[i].invoke,
                     fmt::format("operations[{}] and operations[{}] of session {} overlap (invoke {}, response {}; "
                                 "then invoke {}): a session has at most one operation in flight",
                                 other, i, earlier.session, earlier.invoke, earlier.response, later.invoke));
  }
}

}  // namespace

namespace detail {

std::uint64_t json_clock(const json& v, const char* field) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    throw std::invalid_argument(fmt::format("\"{}\" must be a non-negative integer", field));
  const auto clock = v.get<std::uint64_t>();
  if (clock == kNever) throw std::invalid_argument(fmt::format("\"{}\" is too large", field));
  return clock;
}

Status json_status(const json& status) {
  if (status == "ok") return Status::kOk;
  if (status == "fail") return Status::kFail;
  if (status == "info") return Status::kInfo;
  throw std::invalid_argument("\"status\" must be \"ok\", \"fail\" or \"info\"");
}

nlohmann::json parse_json_document(std::string_view text, std::string_view format_name, std::int64_t version,
                                   std::vector<std::size_t>& lines) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw ParseError(0, fmt::format("the file is empty; a JSON history is an object {{\"format\": \"{}\", ...}}", format_name));
  check_depth(text);
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string message = e.what();
    if (auto at = message.find(": ", message.find("column")); at != std::string::npos) message = message.substr(at + 2);
    throw ParseError(line_of(text, e.byte == 0 ? 0 : e.byte - 1), "invalid JSON: " + message);
  } catch (const json::exception& e) {  // e.g. a number too large for a double; no position known
    std::string message = e.what();
    if (auto at = message.find("] "); at != std::string::npos) message = message.substr(at + 2);
    throw ParseError(0, "invalid JSON: " + message);
  }
  if (!doc.is_object()) throw ParseError(1, fmt::format("a JSON history is an object {{\"format\": \"{}\", ...}}", format_name));
  if (!doc.contains("format") || doc["format"] != format_name)
    throw ParseError(1, fmt::format("missing \"format\": \"{}\"", format_name));
  if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<std::int64_t>() != version)
    throw ParseError(1, fmt::format("unsupported \"version\" {} (this build reads version {})",
                                    doc.contains("version") ? doc["version"].dump() : "(missing)", version));
  if (!doc.contains("operations") || !doc["operations"].is_array())
    throw ParseError(1, "missing the \"operations\" array");
  lines = operation_lines(text);
  return doc;
}

}  // namespace detail

LoadedHistory parse_json_history(std::string_view text) {
  std::vector<std::size_t> lines;
  const json doc = detail::parse_json_document(text, kFormatName, kVersion, lines);
  const json& ops = doc["operations"];
  LoadedHistory out;
  out.format = Format::kJson;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const std::size_t line = i < lines.size() ? lines[i] : 0;
    try {
      out.history.ops.push_back(to_operation(ops[i]));
    } catch (const std::exception& e) {
      throw ParseError(line, fmt::format("operations[{}]: {}", i, e.what()));
    }
    out.lines.push_back({line, 0});
  }
  check_one_in_flight(out);
  return out;
}

std::string to_json(const History& history) {
  std::string out = fmt::format("{{\"format\": \"{}\", \"version\": {}, \"operations\": [", kFormatName, kVersion);
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const Operation& op = history.ops[i];
    auto values = [](const std::vector<Value>& vs) {
      json list = json::array();
      for (const Value& v : vs) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) list.push_back(*n);
        else if (const auto* s = std::get_if<std::string>(&v)) list.push_back(*s);
        else list.push_back(nullptr);
      }
      return list;
    };
    nlohmann::ordered_json j = {{"session", op.session}, {"key", op.key}, {"f", std::string(to_string(op.kind))},
              {"input", values(op.input)}, {"output", values(op.output)},
              {"status", std::string(to_string(op.status))}, {"invoke", op.invoke}};
    j["response"] = op.response == kNever ? json(nullptr) : json(op.response);
    out += i == 0 ? "\n  " : ",\n  ";
    // Invalid UTF-8 (possible in EDN input) is replaced rather than thrown on.
    out += j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  out += history.ops.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace replicheck::properties
