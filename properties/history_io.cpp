// The line-based text formats (jepsen-log, kv-log, edn) and format detection.
// JSON lives in history_json.cpp.
#include "properties/history_io.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "properties/edn.hpp"
#include "properties/io_detail.hpp"

namespace replicheck::properties {

LoadedHistory parse_json_history(std::string_view text);  // history_json.cpp

std::string_view to_string(Format format) {
  switch (format) {
    case Format::kAuto: return "auto";
    case Format::kJepsenLog: return "jepsen-log";
    case Format::kKvLog: return "kv-log";
    case Format::kEdn: return "edn";
    case Format::kJson: return "json";
  }
  return "?";
}

bool parse_format(std::string_view name, Format& out) {
  for (Format f : {Format::kAuto, Format::kJepsenLog, Format::kKvLog, Format::kEdn, Format::kJson}) {
    if (to_string(f) == name) {
      out = f;
      return true;
    }
  }
  return false;
}

namespace detail {

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

void for_each_edn_map(std::string_view text, std::string_view example,
                      const std::function<void(std::size_t line, const edn::Node& map)>& visit) {
  edn::Reader reader(text);
  std::size_t line = 1, counted = 0;  // line_of(reader position), kept incrementally
  auto line_here = [&] {
    const std::size_t at = reader.offset();
    line += static_cast<std::size_t>(std::count(text.begin() + counted, text.begin() + at, '\n'));
    counted = at;
    return line;
  };
  try {
    const bool wrapped = reader.consume('[');  // a whole history.edn vector
    while (reader.more()) {
      if (wrapped && reader.consume(']')) {
        if (reader.more()) throw ParseError(line_here(), "unexpected text after the closing ']'");
        break;
      }
      const std::size_t at = line_here();
      const edn::Node map = reader.read();
      if (map.kind != edn::Node::Kind::kMap)
        throw ParseError(at, fmt::format("expected a map like {}, not {}", example, edn::show(map)));
      visit(at, map);
    }
  } catch (const edn::Error& e) {
    rethrow_edn(e, text, 0);
  }
}

[[noreturn]] void rethrow_edn(const edn::Error& e, std::string_view text, std::size_t line) {
  if (line != 0) throw ParseError(line, e.what());
  // An error at the very end (an unclosed map) belongs to the last line with text.
  const std::size_t last = text.find_last_not_of(" \t\r\n,");
  throw ParseError(line_of(text, last == std::string_view::npos ? 0 : std::min(e.offset, last)), e.what());
}

}  // namespace detail

namespace {

using detail::line_of;
using detail::rethrow_edn;

// Turns Jepsen events into operations: pairs each completion with its
// process's open invocation.
class Assembler {
 public:
  // One event; `key`/`value` may be null (absent). Lines are 1-based.
  void event(std::size_t line, const edn::Node& process, const edn::Node& type, const edn::Node& f,
             const edn::Node* key, const edn::Node* value) {
    line_ = line;
    if (process.kind == edn::Node::Kind::kKeyword) return;  // :nemesis and friends are not clients
    if (process.kind != edn::Node::Kind::kInt) fail("the process must be an integer, not " + edn::show(process));
    if (type.kind != edn::Node::Kind::kKeyword) fail("the type must be a keyword, not " + edn::show(type));
    OpKind kind;
    const bool named = f.kind == edn::Node::Kind::kKeyword || f.kind == edn::Node::Kind::kString;
    if (!named || !parse_op_kind(f.text, kind))
      fail(fmt::format("unknown operation {} (expected :read, :write, :cas, :get, :put, :append or :add)", edn::show(f)));
    const std::string key_text = key ? key_of(*key) : std::string{};
    const edn::Node nil;
    const edn::Node& v = value ? *value : nil;
    if (type.text == "invoke") return invoke(process.integer, kind, key_text, v);
    Status status;
    if (type.text == "ok") status = Status::kOk;
    else if (type.text == "fail") status = Status::kFail;
    else if (type.text == "info") status = Status::kInfo;
    else fail("unknown type :" + type.text + " (expected :invoke, :ok, :fail or :info)");
    complete(process.integer, kind, key ? &key_text : nullptr, status, v);
  }

  LoadedHistory finish(Format format) {
    for (auto& op : out_.history.ops) {
      if (op.response == kOpen) {  // never completed: outcome unknown
        op.status = Status::kInfo;
        op.response = kNever;
      }
    }
    out_.format = format;
    return std::move(out_);
  }

 private:
  static constexpr std::uint64_t kOpen = kNever - 1;

  [[noreturn]] void fail(const std::string& message) const { throw ParseError(line_, message); }

  std::string key_of(const edn::Node& key) const {
    if (key.kind == edn::Node::Kind::kString) return key.text;
    if (key.kind == edn::Node::Kind::kInt) return std::to_string(key.integer);
    if (key.kind == edn::Node::Kind::kNil) return {};
    fail("the key must be a string or an integer, not " + edn::show(key));
  }

  Value scalar(const edn::Node& node, std::string_view what) const {
    switch (node.kind) {
      case edn::Node::Kind::kNil: return Nil{};
      case edn::Node::Kind::kInt: return node.integer;
      case edn::Node::Kind::kString: return node.text;
      default: fail(fmt::format("{} must be nil, an integer or a string, not {}", what, edn::show(node)));
    }
  }

  std::vector<Value> inputs(OpKind kind, const edn::Node& v) const {
    switch (kind) {
      case OpKind::kRead: return {};
      case OpKind::kCas:
        if (v.kind != edn::Node::Kind::kVector || v.items.size() != 2)
          fail("a cas value must be a pair [from to], not " + edn::show(v));
        return {scalar(v.items[0], "cas from"), scalar(v.items[1], "cas to")};
      default: return {scalar(v, "the value")};
    }
  }

  void invoke(std::int64_t process, OpKind kind, const std::string& key, const edn::Node& v) {
    if (auto it = open_.find(process); it != open_.end())
      fail(fmt::format("process {} invokes again, but its operation invoked on line {} has not completed", process,
                       out_.lines[it->second].invoke));
    Operation op;
    op.session = process;
    op.key = key;
    op.kind = kind;
    op.input = inputs(kind, v);
    op.invoke = ++clock_;
    op.response = kOpen;
    open_.emplace(process, out_.history.ops.size());
    out_.history.ops.push_back(std::move(op));
    out_.lines.push_back({line_, 0});
  }

  void complete(std::int64_t process, OpKind kind, const std::string* key, Status status, const edn::Node& v) {
    const auto it = open_.find(process);
    if (it == open_.end()) fail(fmt::format("process {} completes an operation it never invoked", process));
    Operation& op = out_.history.ops[it->second];
    const std::size_t invoked = out_.lines[it->second].invoke;
    if (op.kind != kind)
      fail(fmt::format("the completion is a {}, but process {} invoked a {} on line {}", to_string(kind), process,
                       to_string(op.kind), invoked));
    if (key && *key != op.key)
      fail(fmt::format("the completion is for key \"{}\", but the invocation on line {} was for key \"{}\"", *key,
                       invoked, op.key));
    ++clock_;
    op.status = status;
    op.response = status == Status::kInfo ? kNever : clock_;
    out_.lines[it->second].response = line_;
    open_.erase(it);
    if (status == Status::kInfo || kind == OpKind::kRead) {
      // Unknown outcomes carry no value (Jepsen writes :timed-out); a read's
      // value is its result, a failed read has none.
      if (kind == OpKind::kRead && status == Status::kOk) op.output = {scalar(v, "the value read")};
      return;
    }
    if (inputs(kind, v) != op.input)
      fail(fmt::format("the completion value {} differs from the invocation on line {}", edn::show(v), invoked));
  }

  std::size_t line_ = 0;
  std::uint64_t clock_ = 0;
  LoadedHistory out_;
  std::unordered_map<std::int64_t, std::size_t> open_;  // process -> its open op
};

LoadedHistory parse_jepsen_log(std::string_view text) {
  Assembler assembler;
  std::size_t line = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(start, end - start);
    start = end + 1;
    ++line;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    constexpr std::string_view kMarker = "jepsen.util - ";
    const std::size_t at = row.find(kMarker);
    if (at == std::string_view::npos)
      throw ParseError(line, "not a Jepsen history line (expected \"INFO  jepsen.util - <process> <type> <f> <value>\")");
    const std::string_view fields = row.substr(at + kMarker.size());
    try {
      edn::Reader reader(fields);
      edn::Node parts[4];
      static constexpr const char* kNames[] = {"process", "type", "operation", "value"};
      for (int i = 0; i < 4; ++i) {
        if (!reader.more()) throw ParseError(line, fmt::format("missing the {} field", kNames[i]));
        parts[i] = reader.read();
      }
      if (reader.more()) throw ParseError(line, "unexpected text after the value");
      assembler.event(line, parts[0], parts[1], parts[2], nullptr, &parts[3]);
    } catch (const edn::Error& e) {
      rethrow_edn(e, text, line);
    }
  }
  return assembler.finish(Format::kJepsenLog);
}

LoadedHistory parse_edn_maps(std::string_view text, Format format) {
  Assembler assembler;
  detail::for_each_edn_map(text, "{:process 0, :type :invoke, :f :read, :value nil}",
                           [&](std::size_t at, const edn::Node& map) {
    const edn::Node* process = map.get("process");
    const edn::Node* type = map.get("type");
    const edn::Node* f = map.get("f");
    const edn::Node* key = map.get("key");
    if (!process || !type || !f) throw ParseError(at, "the map needs :process, :type and :f");
    if (format == Format::kKvLog && !key) throw ParseError(at, "a kv-log map needs a :key");
    assembler.event(at, *process, *type, *f, key, map.get("value"));
  });
  return assembler.finish(format);
}

}  // namespace

Format detect_format(std::string_view text, std::string_view file_name) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos) {
    const std::string_view line = text.substr(first, text.find('\n', first) - first);
    const std::size_t second = line.find_first_not_of(" \t\r", 1);
    const char next = second == std::string_view::npos ? '\0' : line[second];
    if (line[0] == '{' && (next == '"' || next == '}' || next == '\0')) return Format::kJson;
    if (line[0] == '{' && next == ':') return line.find(":key") != std::string_view::npos ? Format::kKvLog : Format::kEdn;
    if (line[0] == '[' && next == '{') return Format::kEdn;
    if (line.find("jepsen.util - ") != std::string_view::npos) return Format::kJepsenLog;
  }
  auto ends_with = [&](std::string_view suffix) {
    return file_name.size() >= suffix.size() && file_name.substr(file_name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".json")) return Format::kJson;
  if (ends_with(".edn")) return Format::kEdn;
  if (ends_with(".log")) return Format::kJepsenLog;
  if (first == std::string_view::npos)
    throw ParseError(0, "the file is empty and its name does not tell the format; use --format");
  throw ParseError(line_of(text, first), "cannot tell the history format from the content or the file name; use --format");
}

LoadedHistory parse_history(std::string_view text, Format format, std::string_view file_name) {
  if (format == Format::kAuto) format = detect_format(text, file_name);
  switch (format) {
    case Format::kJepsenLog: return parse_jepsen_log(text);
    case Format::kKvLog:
    case Format::kEdn: return parse_edn_maps(text, format);
    case Format::kJson: return parse_json_history(text);
    case Format::kAuto: break;
  }
  throw ParseError(0, "no format chosen");
}

}  // namespace replicheck::properties
