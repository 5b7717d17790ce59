// The catalog model a trace file names, re-created from its name and
// parameters, for `replay` and `minimize`.
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "explorer/cli/cli.hpp"
#include "explorer/trace/counterexample.hpp"
#include "models/catalog.hpp"

namespace replicheck::cli {

// Returns f(model) for the model of `cx`, or prints one line naming the file
// and exits kBadInput when this build has no such model or parameters.
template <class F>
int with_trace_model(const std::string& file, const Counterexample& cx, F&& f) {
  std::vector<std::string> assignments;
  for (const auto& [k, v] : cx.params) assignments.push_back(k + "=" + v);
  int code = kBadInput;
  bool known = models::with_model(cx.model, [&](auto tag) {
    using M = typename decltype(tag)::type;
    std::optional<M> model;
    try {
      model.emplace(Params(M::param_specs(), assignments));
    } catch (const BadParam& e) {
      fmt::print(stderr, "replicheck: error: {}: {}\n", file, e.what());
      return;
    }
    // A property renamed or removed since the trace was written: say so,
    // rather than replay and report some other property.
    if (cx.property) {
      std::vector<std::string> names;
      for (const auto& p : model->properties()) names.push_back(p.name);
      if (std::find(names.begin(), names.end(), cx.property->name) == names.end()) {
        fmt::print(stderr, "replicheck: error: {}: unknown property '{}' (the model has: {})\n", file,
                   cx.property->name, fmt::join(names, ", "));
        return;
      }
    }
    code = f(*model);
  });
  if (!known)
    fmt::print(stderr, "replicheck: error: {}: unknown model '{}' (models: {})\n", file, cx.model,
               models::model_names());
  return code;
}

// Loads a trace file, or prints why not (file, line and column) and gives none.
inline std::optional<Counterexample> load_or_complain(const std::string& file) {
  try {
    return load_counterexample(file);
  } catch (const TraceFileError& e) {
    fmt::print(stderr, "replicheck: error: {}\n", e.what());
    return std::nullopt;
  }
}

}  // namespace replicheck::cli
