#include "verifier/server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <condition_variable>
#include <fstream>
#include <iostream>
#include <thread>

#include "base/error.h"
#include "base/text.h"
#include "codes/checker.h"
#include "verifier/codes_adapter.h"
#include "verifier/json_text.h"
#include "verifier/routes.h"

namespace sf::verifier {
namespace {

HttpRequest to_request(const httplib::Request& req) {
  HttpRequest request;
  request.method = req.method;
  request.path = req.path;
  request.body = req.body;
  request.client = req.remote_addr;
  // Only the headers the handlers read: copying all of them was a visible
  // share of the allocations per request.
  for (const char* name : {"Content-Type", "Authorization", "Idempotency-Key"}) {
    auto it = req.headers.find(name);  // httplib's header map ignores case
    if (it != req.headers.end()) request.headers.emplace_back(name, it->second);
  }
  for (const auto& [key, value] : req.params) request.query.emplace_back(key, value);
  return request;
}

void send_file(const std::filesystem::path& file, const std::string& type, httplib::Response& res) {
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!*in || ec) {
    res.status = 404;
    res.set_content(dump_json({{"error", "not_found"}, {"message", "file is not available"}}),
                    "application/json");
    return;
  }
  res.set_content_provider(
      std::size_t(size), type,
      [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        char buffer[64 * 1024];
        in->seekg(std::streamoff(offset));
        in->read(buffer, std::streamsize(std::min(length, sizeof buffer)));
        std::streamsize got = in->gcount();
        if (got <= 0) return false;
        return sink.write(buffer, std::size_t(got));
      });
}

void to_response(const HttpReply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [key, value] : reply.headers) res.set_header(key, value);
  if (!reply.file.empty()) {
    send_file(reply.file, reply.content_type, res);
  } else {
    res.set_content(reply.body, reply.content_type);
  }
}

// Debian's compiled httplib listens with a backlog of 5: a burst of new
// connections (64 clients starting at once) overflows it and clients wait
// for a SYN retransmit (1 s) or fail. The listening socket is protected in
// httplib::Server, so a subclass reaches it to raise the backlog.
template <class Base>
class Tuned : public Base {
 public:
  using Base::Base;
  void raise_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }
};

}  // namespace

struct HttpServer::Impl {
  std::unique_ptr<httplib::Server> server;
  std::string host;
};

HttpServer::HttpServer(const Config& config, Services& services) : impl_(std::make_unique<Impl>()) {
  auto [host, port] = split_listen(config.listen);
  impl_->host = host;
  if (!config.tls_cert.empty()) {
    auto tls = std::make_unique<Tuned<httplib::SSLServer>>(config.tls_cert.c_str(),
                                                           config.tls_key.c_str());
    if (!tls->is_valid())
      throw bad_input("TLS certificate " + quote(config.tls_cert.string()) + " or key " +
                      quote(config.tls_key.string()) + " cannot be loaded; expected PEM files");
    impl_->server = std::move(tls);
  } else {
    impl_->server = std::make_unique<Tuned<httplib::Server>>();
  }
  httplib::Server& svr = *impl_->server;
  const int threads = config.threads;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(std::size_t(threads)); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(100000);
  svr.set_keep_alive_timeout(config.keep_alive_seconds);
  svr.set_read_timeout(config.read_timeout_seconds, 0);
  svr.set_write_timeout(config.write_timeout_seconds, 0);
  svr.set_payload_max_length(config.max_body_bytes);

  // Requests without a body (GET, HEAD) are answered in the pre-routing
  // hook: httplib's router tries each pattern with std::regex, which showed
  // up in profiles of the status checks. Requests with a body go through the
  // router, which reads the body first.
  const std::size_t max_header_bytes = config.max_header_bytes;
  svr.set_pre_routing_handler([max_header_bytes, &services](const httplib::Request& req,
                                                             httplib::Response& res) {
    std::size_t total = req.target.size();
    for (const auto& [key, value] : req.headers) total += key.size() + value.size() + 4;
    if (total > max_header_bytes) {
      services.metrics.count(Outcome::bad_request);
      to_response(json_error(431, "headers_too_large",
                             "request headers have " + std::to_string(total) + " bytes; at most " +
                                 std::to_string(max_header_bytes) + " are accepted"),
                  res);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD")
      return httplib::Server::HandlerResponse::Unhandled;
    to_response(route(to_request(req), services), res);
    return httplib::Server::HandlerResponse::Handled;
  });
  auto handler = [&services](const httplib::Request& req, httplib::Response& res) {
    to_response(route(to_request(req), services), res);
  };
  svr.Post("/v1/redemptions", handler);
  svr.Post("/redeem", handler);
  svr.Post(".*", handler);  // 404/405 answers
  svr.Put(".*", handler);
  svr.Patch(".*", handler);
  svr.Delete(".*", handler);
  svr.Options(".*", handler);
  // httplib's own refusals (body over the limit, unparsable request line)
  // get the same JSON shape as ours.
  svr.set_error_handler([&services](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    services.metrics.count(Outcome::bad_request);
    std::string code = res.status == 413 ? "body_too_large" : "bad_request";
    std::string message = res.status == 413 ? "request body is larger than the service accepts"
                                            : "request was refused (status " +
                                                  std::to_string(res.status) + ")";
    res.set_content(dump_json({{"error", code}, {"message", message}}), "application/json");
  });
  svr.set_exception_handler([&services](const httplib::Request& req, httplib::Response& res,
                                        std::exception_ptr) {
    services.metrics.count(Outcome::internal_error);
    res.status = 500;
    res.set_content(dump_json({{"error", "internal_error"}, {"message", "internal error"}}),
                    "application/json");
  });

  if (port == 0) {
    port_ = svr.bind_to_any_port(host);
  } else {
    port_ = svr.bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0)
    throw io_error("cannot listen on " + quote(config.listen) +
                   "; is the address local and the port free?");
  if (config.tls_cert.empty()) {
    static_cast<Tuned<httplib::Server>&>(svr).raise_backlog();
  } else {
    static_cast<Tuned<httplib::SSLServer>&>(svr).raise_backlog();
  }
}

HttpServer::~HttpServer() = default;

void HttpServer::run() {
  run_active_ = true;
  if (!stop_requested_) impl_->server->listen_after_bind();
  run_active_ = false;
}

void HttpServer::stop() {
  // httplib's stop() does nothing until the listen loop has started, so a
  // stop racing with run() waits for it to start (run_active_ and
  // stop_requested_ are set before being checked, so one side always sees
  // the other).
  stop_requested_ = true;
  while (run_active_ && !impl_->server->is_running()) std::this_thread::yield();
  impl_->server->stop();
}

}  // namespace sf::verifier
