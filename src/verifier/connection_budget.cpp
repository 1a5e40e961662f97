#include "verifier/connection_budget.h"

#include <sstream>

namespace sf::verifier {

std::string ConnectionStats::render() const {
  std::ostringstream out;
  auto counter = [&](const char* name, const char* help, std::uint64_t value) {
    out << "# HELP stickerforge_" << name << " " << help << "\n# TYPE stickerforge_" << name
        << " counter\nstickerforge_" << name << " " << value << "\n";
  };
  out << "# HELP stickerforge_connections_open Connections open now.\n"
         "# TYPE stickerforge_connections_open gauge\n"
      << "stickerforge_connections_open " << open.load() << "\n"
      << "# HELP stickerforge_connections_under_pressure 1 while over 3/4 of max-connections.\n"
         "# TYPE stickerforge_connections_under_pressure gauge\n"
      << "stickerforge_connections_under_pressure " << under_pressure.load() << "\n";
  counter("connections_accepted_total", "Connections accepted.", accepted.load());
  out << "# HELP stickerforge_connections_refused_total Connections closed at once, by reason.\n"
         "# TYPE stickerforge_connections_refused_total counter\n"
      << "stickerforge_connections_refused_total{reason=\"per_client_cap\"} "
      << refused_per_client.load() << "\n"
      << "stickerforge_connections_refused_total{reason=\"full\"} " << refused_full.load() << "\n";
  out << "# HELP stickerforge_connections_closed_total Connections the service closed, by reason.\n"
         "# TYPE stickerforge_connections_closed_total counter\n"
      << "stickerforge_connections_closed_total{reason=\"evicted_for_room\"} " << evicted.load()
      << "\n"
      << "stickerforge_connections_closed_total{reason=\"idle\"} " << idle_closed.load() << "\n"
      << "stickerforge_connections_closed_total{reason=\"header_deadline\"} "
      << header_timeouts.load() << "\n"
      << "stickerforge_connections_closed_total{reason=\"body_deadline\"} " << body_timeouts.load()
      << "\n";
  counter("protocol_refusals_total",
          "Requests refused by the HTTP layer (malformed, too large, encoded bodies).",
          protocol_refusals.load());
  return out.str();
}

ConnectionBudget::Verdict ConnectionBudget::check(const std::string& address, bool exempt) const {
  if (!exempt && open_from(address) >= limits_.max_per_client) return Verdict::over_client_cap;
  if (open_ >= limits_.max_connections) return Verdict::full;
  return Verdict::admit;
}

int ConnectionBudget::open_from(const std::string& address) const {
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

void ConnectionBudget::add(const std::string& address) {
  ++per_address_[address];
  ++open_;
  update_pressure();
}

void ConnectionBudget::remove(const std::string& address) {
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
  --open_;
  update_pressure();
}

void ConnectionBudget::update_pressure() {
  stats_.open.store(open_, std::memory_order_relaxed);
  stats_.under_pressure.store(under_pressure() ? 1 : 0, std::memory_order_relaxed);
}

}  // namespace sf::verifier
