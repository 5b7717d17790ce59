// `replicheck list`: every model, its parameters and its properties.
#include <algorithm>

#include <fmt/format.h>

#include "explorer/cli.hpp"
#include "models/catalog.hpp"

namespace replicheck::cli {

void add_list(CLI::App& app, Runner& run) {
  auto* cmd = app.add_subcommand("list", "List every model with its parameters and properties.");
  cmd->callback([&run] {
    run = [] {
      models::for_each_model([](auto tag) {
        using M = typename decltype(tag)::type;
        fmt::print("{}\n  {}\n  parameters (--param key=value):\n", M::kName, M::kSummary);
        auto specs = M::param_specs();
        std::size_t name_w = 0, default_w = 0;
        for (const auto& p : specs) {
          name_w = std::max(name_w, p.name.size());
          default_w = std::max(default_w, p.default_value.size());
        }
        for (const auto& p : specs) {
          std::string range = !p.choices.empty() ? fmt::format("{}", fmt::join(p.choices, "|"))
                              : p.list           ? fmt::format("list of {}..{}", p.min, p.max)
                                                 : fmt::format("{}..{}", p.min, p.max);
          fmt::print("    {:<{}} default {:<{}} {} [{}]\n", p.name, name_w, p.default_value, default_w,
                     p.meaning, range);
        }
        M model(Params(specs, {}));
        fmt::print("  properties (with the default parameters; some parameters add or replace some):\n");
        auto props = model.properties();
        std::size_t prop_w = 0;
        for (const auto& prop : props) prop_w = std::max(prop_w, prop.name.size());
        for (const auto& prop : props)
          fmt::print("    {:<13} {:<{}} {}\n", to_string(prop.kind), prop.name, prop_w, prop.meaning);
        fmt::print("\n");
      });
      return kPass;
    };
  });
}

}  // namespace replicheck::cli
