// The five families of tables the seeds assert in prose (see matrix.hpp).
// Configurations are kept small, so the whole matrix stays within a few
// minutes on two cores; each row's parameters are those of its first column
// unless a cell says otherwise.
#include "models/matrix.hpp"

#include <utility>

namespace replicheck::models {

namespace {

using Params = std::vector<std::string>;

MatrixCell at(std::string model, Params params, std::string property, std::vector<SeedClaim> claims = {}) {
  return {std::move(model), std::move(params), std::move(property), "", std::move(claims)};
}
MatrixCell na(std::string why) { return {"", {}, "", std::move(why), {}}; }

Params with(Params base, const Params& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

// Availability under a partition (seeds 000 and 003: AP or CP).
MatrixTable partition() {
  const Params lww = {"regions=3", "keys=1", "crashes=0", "isolations=1", "ops=2"};
  const Params strong = {"isolations=1", "ops=1"};
  const SeedClaim ap{"seed 000", "holds", "DynamoDB global tables are AP: every region keeps accepting writes"};
  const SeedClaim cp{"seed 000", "violated", "Aurora is CP: a secondary refuses writes"};
  const SeedClaim rest{"seed 004", "holds", "with MRSC the other regions stay available"};
  const SeedClaim refuse{"seed 004", "reached", "with MRSC an isolated region serves no writes or strong reads"};
  return {"partition",
          "Availability under a partition",
          "seeds 000, 003, 004",
          {"AP: every operation at an up region can succeed", "regions that reach another stay available",
           "a cut-off region refuses writes"},
          {{"async global tables (lww, 3 regions, an isolation)",
            {at("lww", lww, "available", {ap}), at("lww", lww, "available"),
             na("AP: an isolated region keeps serving its clients")}},
           {"Aurora global database (logship, an isolation)",
            {at("logship", {}, "available", {cp}), na("one writer: writes go to the primary only"),
             at("logship", {}, "write-refused-at-secondary")}},
           {"global tables, strong consistency (mrsc, an isolation)",
            {na("by design an isolated region cannot reach the journal"),
             at("mrsc", strong, "available-with-majority", {rest}),
             at("mrsc", strong, "cut-off-region-refuses", {refuse})}},
           {"mrsc with a witness region",
            {na("as above"), at("mrsc", with(strong, {"witness=1"}), "available-with-majority", {rest}),
             at("mrsc", with(strong, {"witness=1"}), "cut-off-region-refuses", {refuse})}}}};
}

// The consistency each system gives (seed 000).
MatrixTable consistency() {
  const Params steady = {"keys=2", "failovers=0", "switchovers=0", "isolations=0", "ops=3"};
  const Params primary = {"failovers=0", "switchovers=0", "isolations=0", "homes=0,0"};
  const SeedClaim eventual{"seed 000", "violated", "global tables are eventually consistent"};
  const SeedClaim converge{"seed 000", "holds", "eventual consistency: replicas converge"};
  const SeedClaim strong{"seed 004", "holds", "MRSC reads are strongly consistent"};
  auto row = [](std::string label, std::string model, Params p, std::vector<std::string> props) {
    MatrixRow r{std::move(label), {}};
    for (auto& prop : props) r.cells.push_back(prop.empty() ? na("not offered here") : at(model, p, prop));
    return r;
  };
  MatrixTable t{"consistency",
                "The consistency each system gives",
                "seed 000 (and 003, 004)",
                {"linearizable", "strict serializable", "serializable", "read-your-writes (routed)",
                 "monotonic reads (routed)", "replicas converge"},
                {}};
  t.rows.push_back(row("async global tables (lww, 2 items)", "lww", {},
                       {"linearizable", "", "serializable", "read-your-writes-routed", "monotonic-reads-routed",
                        "converge"}));
  t.rows.back().cells[0].claims = {eventual};
  t.rows.back().cells[1] = na("not serializable, so not strict");
  t.rows.back().cells[5].claims = {converge};
  t.rows.push_back(row("Aurora, reads at secondaries (logship, 2 items)", "logship", steady,
                       {"linearizable", "strict-serializable", "serializable", "read-your-writes-routed",
                        "monotonic-reads-routed", "converge"}));
  t.rows.push_back(row("Aurora, every operation at the primary", "logship", primary,
                       {"linearizable", "strict-serializable-at-primary", "serializable", "read-your-writes-routed",
                        "monotonic-reads-routed", "converge"}));
  t.rows.push_back(row("MRSC, strongly consistent reads (mrsc)", "mrsc", {},
                       {"linearizable", "", "", "", "", "converge"}));
  t.rows.back().cells[0].claims = {strong};
  for (int c = 1; c <= 4; ++c)
    t.rows.back().cells[c] = na(c <= 2 ? "transactions are refused; one item: linearizable is strict serializable"
                                       : "implied by linearizable");
  t.rows.push_back(row("MRSC, eventually consistent reads mixed in", "mrsc", {"reads=mixed"},
                       {"eventual-reads-linearizable", "", "", "", "", "converge"}));
  for (int c = 1; c <= 4; ++c) t.rows.back().cells[c] = na("as above");
  return t;
}

// The read-after-write fixes and what each really gives (seed 003; seeds 000, 001: conditional writes).
MatrixTable read_after_write() {
  const Params steady = {"failovers=0", "switchovers=0", "isolations=0", "ops=3"};
  const Params skewed = {"pattern=conditional", "skew=0,-3", "keys=1", "crashes=0"};
  const SeedClaim sticky{"seed 003", "holds", "sticky sessions guarantee read-your-writes"};
  const SeedClaim primary{"seed 003", "holds", "reading from the primary is strong"};
  const SeedClaim versions{"seed 000", "holds",
                           "application-level versioning detects conflicts regardless of clock skew"};
  const SeedClaim checks{"seed 001", "holds", "read-modify-write with version checks detects conflicts"};
  MatrixTable t{"read-after-write",
                "Read-after-write fixes: the guarantee each really gives",
                "seed 003 (patterns), seeds 000 and 001 (conditional writes)",
                {"read-your-writes (routed)", "monotonic reads (routed)", "linearizable", "AP: can always succeed",
                 "no lost write"},
                {}};
  auto lww = [&](std::string label, Params p) {
    t.rows.push_back({std::move(label),
                      {at("lww", p, "read-your-writes-routed"), at("lww", p, "monotonic-reads-routed"),
                       at("lww", p, "linearizable"), at("lww", p, "available"), at("lww", p, "no-lost-write")}});
  };
  auto logship = [&](std::string label, const Params& extra) {
    const Params p = with(steady, extra);
    t.rows.push_back({std::move(label),
                      {at("logship", p, "read-your-writes-routed"), at("logship", p, "monotonic-reads-routed"),
                       at("logship", p, "linearizable"), at("logship", p, "available"),
                       at("logship", p, "no-lost-write")}});
  };
  lww("global tables, no pattern", {});
  lww("global tables, sticky sessions", {"pattern=sticky"});
  lww("global tables, version tokens", {"pattern=version-tokens"});
  lww("global tables, conditional writes, a clock 3 ticks behind", skewed);
  t.rows.back().cells[4].claims = {versions, checks};
  logship("Aurora, reads at secondaries", {});
  logship("Aurora, read from primary", {"pattern=read-primary"});
  t.rows.back().cells[2].claims = {primary};
  logship("Aurora, sticky to the primary for 2 operations", {"pattern=sticky"});
  t.rows.back().cells[0].claims = {sticky};
  logship("Aurora, sticky for 1 operation (a window too short)", {"pattern=sticky", "sticky-window=1"});
  logship("Aurora, LSN token", {"pattern=lsn-token"});
  logship("Aurora, write forwarding, eventual", {"forwarding=eventual"});
  logship("Aurora, write forwarding, session", {"forwarding=session"});
  logship("Aurora, write forwarding, global", {"forwarding=global"});
  return t;
}

// Seed 004's recap: regional failure, network isolation, one cut link.
MatrixTable failure_modes() {
  const Params lww = {"regions=3", "keys=1", "crashes=0", "ops=2"};
  const Params strong = {"ops=1"};
  MatrixTable t{"failure-modes",
                "Failure modes, async and strong",
                "seed 004's recap",
                {"the other regions stay available", "the failed region refuses its clients", "a cut link is relayed",
                 "no acknowledged write lost", "replicas converge"},
                {}};
  struct Fault {
    std::string name, param;
  };
  for (const Fault& f : {Fault{"regional failure", "outages=1"}, Fault{"network isolation", "isolations=1"},
                         Fault{"one cut link", "cuts=1"}}) {
    const Params a = with(lww, {f.param}), s = with(strong, {f.param});
    const bool cut = f.param == "cuts=1", down = f.param == "outages=1";
    t.rows.push_back(
        {"async (lww, 3 regions): " + f.name,
         {at("lww", a, "available", {{"seed 004", "holds", "async tables stay available in the healthy regions"}}),
          down  ? at("lww", a, "outage-refuses-client")
          : cut ? na("no region is cut off")
                : na("async: an isolated region keeps serving its clients (AP)"),
          cut ? at("lww", a, "stranded-by-broken-link", {{"seed 004", "reached", "async tables do not relay"}})
              : na("no cut link"),
          at("lww", a, "no-lost-write"), at("lww", a, "converge")}});
    t.rows.push_back(
        {"strong (mrsc): " + f.name,
         {at("mrsc", s, "available-with-majority", {{"seed 004", "holds", "the other regions stay available"}}),
          down ? at("mrsc", s, "outage-refuses-client")
          : cut ? na("no region is cut off")
                : at("mrsc", s, "cut-off-region-refuses",
                     {{"seed 004", "reached", "an isolated region serves no writes or strong reads"}}),
          cut ? at("mrsc", s, "relayed-entry", {{"seed 004", "reached", "entries take the longer route"}})
              : na("no cut link"),
          at("mrsc", s, "no-lost-write"), at("mrsc", s, "converge")}});
  }
  return t;
}

// Aurora against DynamoDB global tables (seed 001).
MatrixTable aurora_vs_dynamodb() {
  const SeedClaim additions{"seed 001", "holds", "atomic increments make concurrent updates additions"};
  return {"aurora-vs-dynamodb",
          "Aurora global database against DynamoDB global tables",
          "seed 001 (and 004)",
          {"one writer at a time", "conflicts happen (and are resolved)", "RPO 0: no acknowledged write lost",
           "counters count every increment"},
          {{"Aurora global database (logship, lease fencing, a failover)",
            {at("logship", {"fencing=lease"}, "single-writer"), na("one writer: no write conflicts"),
             at("logship", {"fencing=lease"}, "no-lost-write"), na("not modelled for log shipping")}},
           {"DynamoDB global tables, async (lww)",
            {na("every region writes"), at("lww", {}, "stale-write-dropped"), at("lww", {}, "no-lost-write"),
             at("lww", {"workload=counter", "keys=1", "ops=1"}, "no-lost-increment", {additions})}},
           {"DynamoDB global tables, strong (mrsc, a region's storage lost)",
            {na("every region writes through the journal"), at("mrsc", {}, "write-conflict-retried"),
             at("mrsc", {"losses=1", "ops=1"}, "no-lost-write"),
             at("mrsc", {"workload=counter"}, "no-lost-increment")}}}};
}

}  // namespace

std::vector<MatrixTable> matrix_tables() {
  return {partition(), consistency(), read_after_write(), failure_modes(), aurora_vs_dynamodb()};
}

}  // namespace replicheck::models
