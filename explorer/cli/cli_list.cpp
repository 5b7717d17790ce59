// `replicheck list [MODEL] [--param key=value ...] [--report json]`: every
// model (or one), its parameters and the properties a configuration checks.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "explorer/cli/cli.hpp"
#include "explorer/search/persistent_sets.hpp"
#include "explorer/search/sleep_sets.hpp"
#include "explorer/search/symmetry.hpp"
#include "models/catalog.hpp"

namespace replicheck::cli {
namespace {

struct ListArgs {
  std::string model;
  std::vector<std::string> params;
  std::string report = "text";
};

// {"name", "summary", "parameters": [{"name", "default", "meaning", and
// "choices", or "min"/"max" with "list"}], "properties": [{"name", "kind",
// "meaning"}]}: what the text lists, for scripts (CI matrices, editors).
template <class M>
nlohmann::ordered_json model_json(const std::vector<std::string>& assignments) {
  auto specs = M::param_specs();
  M model(Params(specs, assignments));
  nlohmann::ordered_json params = nlohmann::ordered_json::array(), props = nlohmann::ordered_json::array();
  for (const auto& p : specs) {
    nlohmann::ordered_json j = {{"name", p.name}, {"default", p.default_value}, {"meaning", p.meaning}};
    if (!p.choices.empty()) j["choices"] = p.choices;
    else j.update({{"min", p.min}, {"max", p.max}, {"list", p.list}});
    params.push_back(std::move(j));
  }
  for (const auto& prop : model.properties())
    props.push_back({{"name", prop.name}, {"kind", std::string(to_string(prop.kind))}, {"meaning", prop.meaning}});
  auto or_null = [](const std::string& v) { return v.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v); };
  return {{"name", M::kName},
          {"summary", M::kSummary},
          {"parameters", params},
          {"properties", props},
          {"symmetry", or_null(symmetry_in_use(model, SearchOptions{}))},
          {"partial_order", or_null(partial_order_offered(model))},
          {"persistent_sets", or_null(persistent_sets_offered(model))}};
}

template <class M>
void describe_model(const std::vector<std::string>& assignments) {
  auto specs = M::param_specs();
  M model(Params(specs, assignments));  // a bad parameter stops here, before any output
  fmt::print("{}\n  {}\n  parameters (--param key=value):\n", M::kName, M::kSummary);
  std::size_t name_w = 0, default_w = 0;
  for (const auto& p : specs) {
    name_w = std::max(name_w, p.name.size());
    default_w = std::max(default_w, p.default_value.size());
  }
  for (const auto& p : specs) {
    std::string range = !p.choices.empty() ? fmt::format("{}", fmt::join(p.choices, "|"))
                        : p.list           ? fmt::format("list of {}..{}", p.min, p.max)
                                           : fmt::format("{}..{}", p.min, p.max);
    fmt::print("    {:<{}} default {:<{}} {} [{}]\n", p.name, name_w, p.default_value, default_w, p.meaning, range);
  }
  if (assignments.empty())
    fmt::print("  properties (with the default parameters; some parameters add or replace some):\n");
  else
    fmt::print("  properties with {}:\n", fmt::join(assignments, " "));
  auto props = model.properties();
  std::size_t prop_w = 0;
  for (const auto& prop : props) prop_w = std::max(prop_w, prop.name.size());
  for (const auto& prop : props)
    fmt::print("    {:<13} {:<{}} {}\n", to_string(prop.kind), prop.name, prop_w, prop.meaning);
  std::string symmetry = symmetry_in_use(model, SearchOptions{});
  fmt::print("  symmetry (--symmetry on): {}\n",
             symmetry.empty() ? "none in this configuration" : symmetry + " are interchangeable");
  std::string partial_order = partial_order_offered(model);
  fmt::print("  partial order (--partial-order sleep-sets): {}\n",
             partial_order.empty() ? "none: the model declares no footprints"
                                   : partial_order + " (the model declares what each action reads and writes)");
  std::string alone = persistent_sets_offered(model);
  fmt::print("  partial order (--partial-order persistent-sets): {}\n\n",
             alone.empty() ? "none in this configuration" : alone + " taken alone");
}

}  // namespace

void add_list(CLI::App& app, Runner& run) {
  auto args = std::make_shared<ListArgs>();
  auto* cmd = app.add_subcommand(
      "list",
      "List every model with its parameters and properties; with MODEL and --param, the\n"
      "properties that configuration checks (some parameters add or replace properties).");
  cmd->add_option("model", args->model, "only this model");
  cmd->add_option("--param,-p", args->params, "model parameter key=value (repeatable; needs MODEL)");
  cmd->add_option("--report", args->report, "text (default) or json: {\"models\": [...]} on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([args, &run] {
    run = [args]() -> int {
      if (!args->params.empty() && args->model.empty()) {
        fmt::print(stderr, "replicheck: error: list --param needs a MODEL\n");
        return kBadInput;
      }
      nlohmann::ordered_json listed = nlohmann::ordered_json::array();
      auto describe = [&](auto tag) {
        using M = typename decltype(tag)::type;
        if (args->report == "json") listed.push_back(model_json<M>(args->params));
        else describe_model<M>(args->params);
      };
      if (args->model.empty()) {
        models::for_each_model(describe);
      } else if (!models::with_model(args->model, describe)) {
        fmt::print(stderr, "replicheck: error: unknown model '{}' (see `replicheck list`)\n", args->model);
        return kBadInput;
      }
      if (args->report == "json") fmt::print("{}\n", nlohmann::ordered_json{{"models", listed}}.dump(2));
      return kPass;
    };
  });
}

}  // namespace replicheck::cli
