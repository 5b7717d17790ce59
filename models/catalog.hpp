// Every model the command line offers. Adding a protocol means adding its
// model type to AllModels; nothing in explorer/ changes, and the contract
// tests (tests/models/contract_test.cpp) run over it at once.
#pragma once
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "models/journal/model.hpp"
#include "models/logship/model.hpp"
#include "models/lww/model.hpp"
#include "models/two_phase/model.hpp"

namespace replicheck::models {

using AllModels = std::tuple<TwoPhase, Lww, LogShipping, Mrsc>;

// Calls f(std::type_identity<M>{}) for each model type M, in listing order.
template <class F>
void for_each_model(F&& f) {
  [&]<class... M>(std::type_identity<std::tuple<M...>>) {
    (f(std::type_identity<M>{}), ...);
  }(std::type_identity<AllModels>{});
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
