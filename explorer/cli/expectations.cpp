#include "explorer/cli/expectations.hpp"

#include <fmt/format.h>

namespace replicheck {

Expectations::Expectations(const std::vector<std::string>& declared,
                           const std::vector<std::pair<std::string, PropertyKind>>& properties) {
  std::string names;
  for (const auto& [name, kind] : properties) names += (names.empty() ? "" : ", ") + name;
  for (const std::string& d : declared) {
    auto eq = d.find('=');
    if (eq == std::string::npos || eq == 0)
      throw BadExpectation(fmt::format("--expect '{}' is not of the form PROPERTY=STATUS", d));
    std::string name = d.substr(0, eq), status = d.substr(eq + 1);
    const PropertyKind* kind = nullptr;
    for (const auto& p : properties)
      if (p.first == name) kind = &p.second;
    if (!kind) throw BadExpectation(fmt::format("--expect: no property '{}' (this model has: {})", name, names));
    bool sometimes = *kind == PropertyKind::Sometimes;
    bool fits = sometimes ? status == "reached" || status == "unreached" : status == "holds" || status == "violated";
    if (!fits)
      throw BadExpectation(fmt::format("--expect: {} property '{}' ends {}, not '{}'", to_string(*kind), name,
                                       sometimes ? "reached or unreached" : "holds or violated", status));
    if (declared_.count(name)) throw BadExpectation(fmt::format("--expect: property '{}' given twice", name));
    declared_[name] = status;
  }
}

std::string Expectations::expected(const PropertyOutcome& p) const {
  auto it = declared_.find(p.name);
  if (it != declared_.end()) return it->second;
  return p.kind == PropertyKind::Sometimes ? "reached" : "holds";
}

Expectations::Outcome Expectations::compare(const std::vector<PropertyOutcome>& outcomes) const {
  Outcome out;
  for (const auto& p : outcomes) {
    if (p.status == "unknown") ++out.undecided;
    else if (p.status != expected(p))
      out.surprises.push_back(fmt::format("property '{}' {}, expected {}", p.name, p.status, expected(p)));
  }
  return out;
}

}  // namespace replicheck
