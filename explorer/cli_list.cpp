// `replicheck list`: every model, its parameters and its properties.
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
        for (const auto& p : specs) {
          std::string range = p.choices.empty() ? fmt::format("{}..{}", p.min, p.max)
                                                : fmt::format("{}", fmt::join(p.choices, "|"));
          fmt::print("    {:<12} default {:<8} {} [{}]\n", p.name, p.default_value, p.meaning, range);
        }
        M model(Params(specs, {}));
        fmt::print("  properties:\n");
        for (const auto& prop : model.properties())
          fmt::print("    {:<13} {:<18} {}\n", to_string(prop.kind), prop.name, prop.meaning);
        fmt::print("\n");
      });
      return kPass;
    };
  });
}

}  // namespace replicheck::cli
