// A small reader for the EDN subset that Jepsen writes: nil, booleans,
// integers, strings, keywords, symbols, vectors, lists, maps and sets, with
// `,` as whitespace, `;` comments, `#_` discard and `#tag value` (the tag is
// dropped). Floats are kept as text. Nesting is limited so that hostile input
// cannot exhaust the stack.
#pragma once
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace replicheck::properties::edn {

struct Node {
  enum class Kind : std::uint8_t { kNil, kBool, kInt, kFloat, kString, kKeyword, kSymbol, kVector, kList, kMap, kSet };
  Kind kind = Kind::kNil;
  bool boolean = false;
  std::int64_t integer = 0;
  std::string text;         // string contents, keyword/symbol name (without ':'), float spelling
  std::vector<Node> items;  // collection elements; a map holds key, value, key, value, ...

  bool is_keyword(std::string_view name) const { return kind == Kind::kKeyword && text == name; }
  // The value under keyword `:name` of a map, or nullptr.
  const Node* get(std::string_view name) const;
};

struct Error : std::runtime_error {
  Error(std::size_t offset, const std::string& message) : std::runtime_error(message), offset(offset) {}
  std::size_t offset;  // byte offset into the text where the problem is
};

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  // Skips whitespace and comments; true if a value follows.
  bool more();
  Node read();
  // Consumes `c` if it is the next character (after whitespace).
  bool consume(char c) {
    if (!more() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  std::size_t offset() const { return pos_; }

 private:
  static constexpr int kMaxDepth = 64;
  Node read_value(int depth);
  Node read_collection(Node::Kind kind, char close, int depth);
  Node read_string();
  Node read_token();
  void skip_space();
  [[noreturn]] void fail(const std::string& message) const { throw Error(pos_, message); }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// "nil", "42", "\"x\"", ":ok", "[1 2]" -- for error messages.
std::string show(const Node& node);

}  // namespace replicheck::properties::edn
