// Every model the command line offers. Adding a protocol means adding its
// model type here; nothing in explorer/ changes.
#pragma once
#include <string>
#include <string_view>
#include <type_traits>

#include "models/lww.hpp"
#include "models/two_phase.hpp"

namespace replicheck::models {

// Calls f(std::type_identity<M>{}) for each model type M, in listing order.
template <class F>
void for_each_model(F&& f) {
  f(std::type_identity<TwoPhase>{});
  f(std::type_identity<Lww>{});
}

// Calls f(std::type_identity<M>{}) for the model M named `name`; false when
// no model has that name.
template <class F>
bool with_model(std::string_view name, F&& f) {
  bool found = false;
  for_each_model([&](auto tag) {
    if (found || name != decltype(tag)::type::kName) return;
    found = true;
    f(tag);
  });
  return found;
}

// Every model's name, in listing order: "two-phase, lww".
inline std::string model_names() {
  std::string names;
  for_each_model([&](auto tag) {
    if (!names.empty()) names += ", ";
    names += decltype(tag)::type::kName;
  });
  return names;
}

}  // namespace replicheck::models
