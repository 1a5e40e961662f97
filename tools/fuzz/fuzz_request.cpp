// libFuzzer driver: request parsing and handling. The input is split into
// method, path, Content-Type, Authorization, Idempotency-Key and body (lines;
// the body is the rest), routed through the verifier's handlers with an
// in-memory ledger and fake codes. Invariants: no crash, no exception, never
// a 500, every JSON answer parses, and no answer but a 200 redeems anything.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "verifier/fakes.h"
#include "verifier/routes.h"

namespace {

std::string_view next_line(std::string_view& rest) {
  auto end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static auto* service = new sf::test::TestService({1000000, 1000000, 1000000, 1});
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  sf::verifier::HttpRequest request;
  request.method = next_line(rest);
  request.path = next_line(rest);
  request.client = "192.0.2.1";
  const char* names[] = {"Content-Type", "Authorization", "Idempotency-Key"};
  for (const char* name : names) {
    std::string_view value = next_line(rest);
    if (!value.empty()) request.headers.emplace_back(name, std::string(value));
  }
  auto query = request.path.find('?');
  if (query != std::string::npos) {
    std::string q = request.path.substr(query + 1);
    auto eq = q.find('=');
    request.query.emplace_back(q.substr(0, eq), eq == std::string::npos ? "" : q.substr(eq + 1));
    request.path.resize(query);
  }
  request.body = rest;

  const std::size_t before = service->ledger.redemption_count();
  sf::verifier::HttpReply reply = sf::verifier::route(request, *service->services);
  if (reply.status < 200 || reply.status >= 600 || reply.status == 500) std::abort();
  if (reply.content_type == "application/json" &&
      nlohmann::json::parse(reply.body, nullptr, false).is_discarded())
    std::abort();
  if (reply.status != 200 && service->ledger.redemption_count() != before) std::abort();
  return 0;
}
