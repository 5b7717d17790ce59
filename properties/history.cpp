#include "properties/history.hpp"

#include <unordered_map>

namespace replicheck::properties {

std::string_view to_string(OpKind kind) {
  switch (kind) {
    case OpKind::kRead: return "read";
    case OpKind::kWrite: return "write";
    case OpKind::kCas: return "cas";
    case OpKind::kAppend: return "append";
    case OpKind::kIncrement: return "increment";
  }
  return "?";
}

std::string_view to_string(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kFail: return "fail";
    case Status::kInfo: return "info";
  }
  return "?";
}

bool parse_op_kind(std::string_view name, OpKind& out) {
  struct Alias {
    std::string_view name;
    OpKind kind;
  };
  static constexpr Alias kAliases[] = {
      {"read", OpKind::kRead},       {"get", OpKind::kRead},        {"write", OpKind::kWrite},
      {"put", OpKind::kWrite},       {"cas", OpKind::kCas},         {"append", OpKind::kAppend},
      {"increment", OpKind::kIncrement}, {"add", OpKind::kIncrement}, {"incr", OpKind::kIncrement},
  };
  for (const auto& alias : kAliases) {
    if (alias.name == name) {
      out = alias.kind;
      return true;
    }
  }
  return false;
}

std::string to_string(const Value& value) {
  if (std::holds_alternative<Nil>(value)) return "nil";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  std::string out = "\"";
  for (char c : std::get<std::string>(value)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<KeyPart> split_by_key(const History& history) {
  std::vector<KeyPart> parts;
  std::unordered_map<std::string_view, std::size_t> index;  // views into history
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    const std::string& key = history.ops[i].key;
    auto [it, fresh] = index.try_emplace(key, parts.size());
    if (fresh) parts.push_back({key, {}});
    parts[it->second].ops.push_back(i);
  }
  return parts;
}

}  // namespace replicheck::properties
