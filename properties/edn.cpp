#include "properties/edn.hpp"

#include <charconv>

namespace replicheck::properties::edn {

const Node* Node::get(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].is_keyword(name)) return &items[i + 1];
  }
  return nullptr;
}

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f'; }
bool is_delimiter(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' ||
         c == ';';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

void Reader::skip_space() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (is_space(c)) {
      ++pos_;
    } else if (c == ';') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else {
      return;
    }
  }
}

bool Reader::more() {
  skip_space();
  return pos_ < text_.size();
}

Node Reader::read() { return read_value(0); }

Node Reader::read_value(int depth) {
  if (depth > kMaxDepth) fail("values nested too deeply");
  skip_space();
  if (pos_ >= text_.size()) fail("unexpected end of input, expected a value");
  const char c = text_[pos_];
  switch (c) {
    case '[': ++pos_; return read_collection(Node::Kind::kVector, ']', depth);
    case '(': ++pos_; return read_collection(Node::Kind::kList, ')', depth);
    case '{': ++pos_; return read_collection(Node::Kind::kMap, '}', depth);
    case '"': return read_string();
    case ')': case ']': case '}': fail(std::string("unexpected '") + c + "'");
    case '\\': fail("character literals are not supported");
    case '#': {
      if (pos_ + 1 >= text_.size()) fail("unexpected end of input after '#'");
      const char d = text_[pos_ + 1];
      if (d == '{') {
        pos_ += 2;
        return read_collection(Node::Kind::kSet, '}', depth);
      }
      if (d == '_') {  // discard the next value
        pos_ += 2;
        read_value(depth + 1);
        return read_value(depth + 1);
      }
      ++pos_;
      if (pos_ >= text_.size() || is_delimiter(text_[pos_])) fail("expected a tag name after '#'");
      read_token();  // #tag value: keep the value
      return read_value(depth + 1);
    }
    default: return read_token();
  }
}

Node Reader::read_collection(Node::Kind kind, char close, int depth) {
  Node node;
  node.kind = kind;
  for (;;) {
    skip_space();
    if (pos_ >= text_.size()) fail(std::string("unexpected end of input, expected '") + close + "'");
    if (text_[pos_] == close) {
      ++pos_;
      break;
    }
    node.items.push_back(read_value(depth + 1));
  }
  if (kind == Node::Kind::kMap && node.items.size() % 2 != 0) fail("a map needs an even number of forms");
  return node;
}

Node Reader::read_string() {
  Node node;
  node.kind = Node::Kind::kString;
  ++pos_;  // opening quote
  for (;;) {
    if (pos_ >= text_.size()) fail("unterminated string");
    const char c = text_[pos_++];
    if (c == '"') return node;
    if (c != '\\') {
      node.text += c;
      continue;
    }
    if (pos_ >= text_.size()) fail("unterminated string");
    switch (const char e = text_[pos_++]) {
      case 'n': node.text += '\n'; break;
      case 't': node.text += '\t'; break;
      case 'r': node.text += '\r'; break;
      case 'b': node.text += '\b'; break;
      case 'f': node.text += '\f'; break;
      case '"': case '\\': case '/': node.text += e; break;
      default: fail(std::string("unsupported escape \\") + e + " in string");
    }
  }
}

Node Reader::read_token() {
  const std::size_t start = pos_;
  while (pos_ < text_.size() && !is_delimiter(text_[pos_])) ++pos_;
  const std::string_view token = text_.substr(start, pos_ - start);
  Node node;
  if (token.empty()) fail("expected a value");
  const bool numeric = is_digit(token[0]) || (token.size() > 1 && (token[0] == '-' || token[0] == '+') && is_digit(token[1]));
  if (numeric) {
    std::string_view digits = token.substr(token[0] == '+' ? 1 : 0);
    if (digits.back() == 'N') digits.remove_suffix(1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size()) {
      node.kind = Node::Kind::kInt;
      node.integer = value;
      return node;
    }
    if (ec == std::errc::result_out_of_range) {
      pos_ = start;
      fail("integer " + std::string(token) + " does not fit in 64 bits");
    }
    node.kind = Node::Kind::kFloat;  // 1.5, 1e3, 2M: kept as text
    node.text = token;
    return node;
  }
  if (token == "nil") return node;
  if (token == "true" || token == "false") {
    node.kind = Node::Kind::kBool;
    node.boolean = token == "true";
    return node;
  }
  if (token[0] == ':') {
    if (token.size() == 1) fail("empty keyword");
    node.kind = Node::Kind::kKeyword;
    node.text = token.substr(1);
    return node;
  }
  node.kind = Node::Kind::kSymbol;
  node.text = token;
  return node;
}

std::string show(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNil: return "nil";
    case Node::Kind::kBool: return node.boolean ? "true" : "false";
    case Node::Kind::kInt: return std::to_string(node.integer);
    case Node::Kind::kFloat: case Node::Kind::kSymbol: return node.text;
    case Node::Kind::kString: return "\"" + node.text + "\"";
    case Node::Kind::kKeyword: return ":" + node.text;
    default: break;
  }
  const char* open = node.kind == Node::Kind::kVector ? "[" : node.kind == Node::Kind::kList ? "(" :
                     node.kind == Node::Kind::kMap ? "{" : "#{";
  const char* close = node.kind == Node::Kind::kVector ? "]" : node.kind == Node::Kind::kList ? ")" : "}";
  std::string out = open;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (i != 0) out += ' ';
    if (out.size() > 80) return out + "...";
    out += show(node.items[i]);
  }
  return out + close;
}

}  // namespace replicheck::properties::edn
