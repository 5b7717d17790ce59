// Pieces the history parsers share (history_io.cpp, history_json.cpp,
// txn_io.cpp); not part of the public interface.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/edn.hpp"
#include "properties/history_io.hpp"

namespace replicheck::properties::detail {

std::size_t line_of(std::string_view text, std::size_t offset);

// Calls visit(line, map) for each top-level EDN map of `text` (the whole file
// may be wrapped in one [...]); anything else is a ParseError quoting
// `example`. EDN syntax errors become ParseErrors naming the line.
void for_each_edn_map(std::string_view text, std::string_view example,
                      const std::function<void(std::size_t line, const edn::Node& map)>& visit);
[[noreturn]] void rethrow_edn(const edn::Error& e, std::string_view text, std::size_t line);

// A replicheck JSON document {"format": NAME, "version": V, "operations": [...]}:
// checks the envelope and returns the document, with the line on which each
// element of "operations" starts.
nlohmann::json parse_json_document(std::string_view text, std::string_view format_name, std::int64_t version,
                                   std::vector<std::size_t>& lines);

// Fields every JSON history shares; throw std::invalid_argument.
std::uint64_t json_clock(const nlohmann::json& v, const char* field);
Status json_status(const nlohmann::json& status);

}  // namespace replicheck::properties::detail
