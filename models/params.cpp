#include "models/params.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace replicheck {
namespace {

const ParamSpec* find(const std::vector<ParamSpec>& specs, const std::string& name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

std::string names(const std::vector<ParamSpec>& specs) {
  std::string out;
  for (const auto& s : specs) out += (out.empty() ? "" : ", ") + s.name;
  return out.empty() ? "none" : out;
}

void validate(const ParamSpec& spec, const std::string& value);

// An empty list is valid: every entry takes its default.
void validate_list(const ParamSpec& spec, const std::string& value) {
  if (value.empty()) return;
  ParamSpec one = spec;
  one.list = false;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = value.find(',', start);
    validate(one, value.substr(start, comma - start));
    if (comma == std::string::npos) return;
    start = comma + 1;
  }
}

void validate(const ParamSpec& spec, const std::string& value) {
  if (spec.list) return validate_list(spec, value);
  if (!spec.choices.empty()) {
    for (const auto& c : spec.choices)
      if (c == value) return;
    std::string allowed;
    for (const auto& c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + c;
    throw BadParam(fmt::format("parameter '{}': '{}' is not one of: {}", spec.name, value, allowed));
  }
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size())
    throw BadParam(fmt::format("parameter '{}': '{}' is not an integer", spec.name, value));
  if (v < spec.min || v > spec.max)
    throw BadParam(fmt::format("parameter '{}': {} is out of range [{}, {}]", spec.name, v,
                               spec.min, spec.max));
}

}  // namespace

Params::Params(const std::vector<ParamSpec>& specs, const std::vector<std::string>& assignments) {
  std::map<std::string, std::string> given;
  for (const auto& a : assignments) {
    auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0)
      throw BadParam(fmt::format("'{}' is not of the form key=value", a));
    std::string key = a.substr(0, eq), value = a.substr(eq + 1);
    const ParamSpec* spec = find(specs, key);
    if (!spec)
      throw BadParam(fmt::format("unknown parameter '{}' (this model has: {})", key, names(specs)));
    if (given.count(key)) throw BadParam(fmt::format("parameter '{}' given twice", key));
    validate(*spec, value);
    given[key] = value;
  }
  for (const auto& s : specs) {
    auto it = given.find(s.name);
    values_.emplace_back(s.name, it == given.end() ? s.default_value : it->second);
  }
}

const std::string& Params::raw(const std::string& name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  throw std::logic_error("model asked for undeclared parameter " + name);
}

std::int64_t Params::integer(const std::string& name) const {
  const std::string& v = raw(name);
  std::int64_t out = 0;
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

const std::string& Params::word(const std::string& name) const { return raw(name); }

std::vector<std::int64_t> Params::integers(const std::string& name) const {
  const std::string& v = raw(name);
  std::vector<std::int64_t> out;
  for (std::size_t start = 0; !v.empty() && start <= v.size();) {
    std::size_t comma = std::min(v.find(',', start), v.size());
    std::int64_t x = 0;
    std::from_chars(v.data() + start, v.data() + comma, x);
    out.push_back(x);
    start = comma + 1;
  }
  return out;
}

}  // namespace replicheck
