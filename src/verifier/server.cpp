// The HTTP layer: one network thread (Boost.Asio) holds every connection and
// parses with Boost.Beast; routes run on the WorkQueue's threads. Why not a
// thread per connection (cpp-httplib, before): 128 idle or one-byte-a-second
// connections held every thread and nothing else was served; here a
// connection waiting for bytes costs a few KB and no thread, and every limit
// is checked while the bytes arrive (docs/benchmarks.md, "Verifier under
// attack").
#include "verifier/server.h"

#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <chrono>
#include <list>
#include <optional>

#include "base/error.h"
#include "base/text.h"
#include "verifier/byte_range.h"
#include "verifier/connection_budget.h"
#include "verifier/failure_log.h"
#include "verifier/json_text.h"
#include "verifier/request_target.h"
#include "verifier/routes.h"
#include "verifier/trusted_proxies.h"
#include "verifier/work_queue.h"

namespace sf::verifier {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::string_body>;

// More fields than any client of ours sends; the byte limit bounds memory,
// this bounds the work of looking headers up.
constexpr std::size_t kMaxHeaderFields = 100;
constexpr std::size_t kFileChunk = 64 * 1024;
// Idle keep-alive connections get this long once the service is under pressure.
constexpr auto kPressureIdle = std::chrono::seconds(1);

HttpRequest to_request(const Request& req, std::string client, const ServiceExtension* extension) {
  HttpRequest request;
  request.method = std::string(req.method_string());
  RequestTarget target = split_target(req.target());
  request.path = std::move(target.path);
  request.query = std::move(target.query);
  request.body = req.body();
  request.client = std::move(client);
  // Only the headers the handlers read: copying all of them was a visible
  // share of the allocations per request.
  if (extension && extension->wants_all_headers(request.path)) {
    // Webhook providers sign with headers of their own.
    for (const auto& field : req)
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  } else {
    for (const char* name : {"Content-Type", "Authorization", "Idempotency-Key", "Accept",
                             "Accept-Language", "User-Agent", "Cookie", "Host"}) {
      auto it = req.find(name);  // Beast's field lookup ignores case
      if (it != req.end()) request.headers.emplace_back(name, std::string(it->value()));
    }
  }
  return request;
}

// All values of a header joined with ", " (X-Forwarded-For may come as several).
std::string joined(const Request& req, std::string_view name) {
  std::string value;
  for (auto [it, end] = req.equal_range(name); it != end; ++it) {
    if (!value.empty()) value += ", ";
    value += std::string(it->value());
  }
  return value;
}

bool iequals(std::string_view a, std::string_view b) {
  return beast::iequals(a, b);
}

// A refusal decided from the header alone, before any body byte is read.
std::optional<HttpReply> refuse_header(const Request& req) {
  if (std::size_t(std::distance(req.begin(), req.end())) > kMaxHeaderFields)
    return json_error(431, "headers_too_large",
                      "request has more than " + std::to_string(kMaxHeaderFields) +
                          " header fields");
  if (auto it = req.find(http::field::content_encoding);
      it != req.end() && !iequals(it->value(), "identity"))
    return json_error(415, "content_encoding_refused",
                      "Content-Encoding " + quote(std::string(it->value())) +
                          " is not accepted; send the body uncompressed");
  if (auto it = req.find(http::field::transfer_encoding);
      it != req.end() && !iequals(it->value(), "chunked"))
    return json_error(501, "transfer_encoding_refused",
                      "Transfer-Encoding " + quote(std::string(it->value())) +
                          " is not supported; send Content-Length or chunked");
  if (auto it = req.find(http::field::expect);
      it != req.end() && !iequals(it->value(), "100-continue"))
    return json_error(417, "expectation_failed",
                      "Expect " + quote(std::string(it->value())) + " is not supported");
  return std::nullopt;
}

// What a parse error is answered with; nullopt: close without answering
// (the client went away, sent nothing, or the socket failed).
std::optional<HttpReply> refuse_parse(const beast::error_code& ec, std::size_t header_bytes,
                                      std::size_t body_bytes) {
  if (ec.category() != http::make_error_code(http::error::bad_method).category() ||
      ec == http::error::end_of_stream || ec == http::error::partial_message)
    return std::nullopt;
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
    return json_error(431, "headers_too_large",
                      "request line and headers exceed " + std::to_string(header_bytes) +
                          " bytes, the most the service accepts");
  if (ec == http::error::body_limit)
    return json_error(413, "body_too_large",
                      "request body is larger than " + std::to_string(body_bytes) +
                          " bytes, the most the service accepts");
  return json_error(400, "bad_request", "malformed HTTP request (" + ec.message() + ")");
}

struct Shared;

// A connection as the network thread sees it; waiting ones (idle or still
// sending headers) can be evicted to make room.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;
  virtual void evict() = 0;
  std::list<std::weak_ptr<Connection>>::iterator waiting_at;
  bool waiting = false;
};

// Everything the network thread shares. Members are touched only on that
// thread except `workers` and `ioc` (posting).
struct Shared {
  Shared(const Config& config, Services& services)
      : services(services),
        budget({config.max_connections, config.max_connections_per_client}, services.connections),
        proxies(TrustedProxies::parse(config.trusted_proxies)),
        header_bytes(config.max_header_bytes),
        // Webhook payloads (the trigger receivers) are larger than redemptions.
        body_bytes(std::max(config.max_body_bytes,
                            services.extension ? services.extension->max_body_bytes() : 0)),
        header_timeout(std::chrono::seconds(config.header_timeout_seconds)),
        body_timeout(std::chrono::seconds(config.read_timeout_seconds)),
        write_timeout(std::chrono::seconds(config.write_timeout_seconds)),
        keep_alive(std::chrono::seconds(config.keep_alive_seconds)),
        workers(config.threads) {}

  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer retry_accept{ioc};
  asio::steady_timer report{ioc};
  std::optional<asio::ssl::context> tls;
  Services& services;
  ConnectionBudget budget;
  TrustedProxies proxies;
  std::size_t header_bytes, body_bytes;
  Clock::duration header_timeout, body_timeout, write_timeout, keep_alive;
  std::list<std::weak_ptr<Connection>> waiting;  // oldest first
  bool stopping = false;
  bool pressure_logged = false;
  std::uint64_t refused_reported = 0;
  WorkQueue workers;  // last: its threads stop first, before what they use

  void set_waiting(Connection& connection, bool on) {
    if (on == connection.waiting) return;
    if (on) {
      connection.waiting_at = waiting.insert(waiting.end(), connection.weak_from_this());
    } else {
      waiting.erase(connection.waiting_at);
    }
    connection.waiting = on;
  }

  bool evict_oldest() {
    while (!waiting.empty()) {
      auto victim = waiting.front().lock();
      if (!victim) {
        waiting.pop_front();
        continue;
      }
      services.connections.evicted.fetch_add(1, std::memory_order_relaxed);
      victim->evict();  // removes itself from `waiting`
      return true;
    }
    return false;
  }

  // A protocol refusal costs the client: it counts against its failure
  // window (not the global budget: malformed bytes are no code guesses), and
  // its log line is within the failure budget.
  // `client_is_proxy`: the proxy is not blamed for what one of its clients sent.
  void note_refusal(const std::string& client, bool client_is_proxy, const HttpReply& reply) {
    services.connections.protocol_refusals.fetch_add(1, std::memory_order_relaxed);
    services.metrics.count(Outcome::bad_request);
    const std::int64_t now = services.now_ms() / 1000;
    if (!client_is_proxy) {
      const std::string key = "client:" + client;
      if (services.limiter.retry_after(key, now) > 0) return;  // over its window: no write at all
      services.limiter.record_refusal(key, now);
    }
    write_failure(services, nullptr, "protocol_refused",
                  {{"status", std::to_string(reply.status)}, {"client", client}});
  }

  // Once a minute at most: pressure changes and refused connections in the log.
  void report_pressure() {
    ConnectionStats& stats = services.connections;
    const bool pressure = budget.under_pressure();
    const std::uint64_t refused = stats.refused_per_client.load() + stats.refused_full.load();
    if (pressure != pressure_logged || refused != refused_reported) {
      services.log.write(pressure ? "warn" : "info", "connection_pressure",
                         {{"under_pressure", pressure ? "true" : "false"},
                          {"open", std::to_string(budget.open())},
                          {"refused_per_client_cap", std::to_string(stats.refused_per_client.load())},
                          {"refused_full", std::to_string(stats.refused_full.load())},
                          {"evicted", std::to_string(stats.evicted.load())},
                          {"header_deadline", std::to_string(stats.header_timeouts.load())}});
      pressure_logged = pressure;
      refused_reported = refused;
    }
  }
};

template <class Stream>
class Session : public Connection {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

  template <class... StreamArgs>
  Session(Shared& shared, std::string peer, StreamArgs&&... stream_args)
      : s_(shared),
        stream_(std::forward<StreamArgs>(stream_args)...),
        timer_(shared.ioc),
        buffer_(shared.header_bytes + shared.body_bytes + 8192),
        peer_(std::move(peer)),
        via_proxy_(shared.proxies.contains(peer_)) {}

  void start() {
    s_.budget.add(peer_);
    s_.services.connections.accepted.fetch_add(1, std::memory_order_relaxed);
    header_deadline_ = Clock::now() + s_.header_timeout;  // the first request's, from connect
    if constexpr (kTls) {
      s_.set_waiting(*this, true);
      arm(header_deadline_, &ConnectionStats::header_timeouts);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = self()](beast::error_code ec) {
                                if (self->closed_) return;
                                if (ec) return self->close();
                                self->wait_for_request(true);
                              });
    } else {
      wait_for_request(true);
    }
  }

  void evict() override { close(); }

 private:
  std::shared_ptr<Session> self() { return std::static_pointer_cast<Session>(shared_from_this()); }

  // One timer per connection: the deadline of whatever it waits for now.
  // The generation tells a stale expiry (the wait already ended) from a live one.
  void arm(Clock::time_point deadline, std::atomic<std::uint64_t> ConnectionStats::*reason) {
    const std::uint64_t generation = ++timer_generation_;
    timer_.expires_at(deadline);
    timer_.async_wait([self = self(), generation, reason](beast::error_code ec) {
      if (ec || self->closed_ || generation != self->timer_generation_) return;
      if (reason) (self->s_.services.connections.*reason).fetch_add(1, std::memory_order_relaxed);
      self->close();
    });
  }

  void disarm() {
    ++timer_generation_;
    timer_.cancel();
  }

  void wait_for_request(bool first) {
    head_ = false;  // a refusal of the next request must not inherit the last one's HEAD
    range_.clear();
    version_ = 11;
    parser_.emplace();
    parser_->header_limit(std::uint32_t(s_.header_bytes));
    parser_->body_limit(s_.body_bytes);
    s_.set_waiting(*this, true);
    if (buffer_.size() > 0) {  // a pipelined request is already here
      if (!first) header_deadline_ = Clock::now() + s_.header_timeout;
      return read_header();
    }
    if (first) {
      arm(header_deadline_, &ConnectionStats::header_timeouts);
    } else {
      const auto idle = s_.budget.under_pressure() ? std::min(s_.keep_alive, Clock::duration(kPressureIdle))
                                                   : s_.keep_alive;
      arm(Clock::now() + idle, &ConnectionStats::idle_closed);
    }
    stream_.async_read_some(buffer_.prepare(2048),
                            [self = self(), first](beast::error_code ec, std::size_t n) {
                              if (self->closed_) return;
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              if (!first) self->header_deadline_ = Clock::now() + self->s_.header_timeout;
                              self->read_header();
                            });
  }

  // The whole header block must arrive by one deadline, however slowly it
  // trickles in.
  void read_header() {
    arm(header_deadline_, &ConnectionStats::header_timeouts);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = self()](beast::error_code ec, std::size_t) {
                              if (self->closed_) return;
                              if (ec) return self->refuse(ec);
                              self->on_header();
                            });
  }

  void on_header() {
    s_.set_waiting(*this, false);
    const Request& req = parser_->get();
    version_ = req.version();
    if (auto refusal = refuse_header(req)) {
      const std::string client = client_of(req);
      s_.note_refusal(client, via_proxy_ && client == peer_, *refusal);
      keep_alive_ = false;
      return write_reply(std::move(*refusal));
    }
    if (parser_->is_done()) return handle();
    arm(Clock::now() + s_.body_timeout, &ConnectionStats::body_timeouts);
    // 100 Continue only to HTTP/1.1 clients (RFC 9110 §10.1.1).
    if (auto it = req.find(http::field::expect); it != req.end() && req.version() >= 11) {
      static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      return asio::async_write(stream_, asio::buffer(kContinue),
                               [self = self()](beast::error_code ec, std::size_t) {
                                 if (self->closed_) return;
                                 if (ec) return self->close();
                                 self->read_body();
                               });
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, [self = self()](beast::error_code ec, std::size_t) {
      if (self->closed_) return;
      if (ec) return self->refuse(ec);
      self->handle();
    });
  }

  std::string client_of(const Request& req) const {
    if (!via_proxy_) return peer_;
    return s_.proxies.client(peer_, joined(req, "Forwarded"), joined(req, "X-Forwarded-For"));
  }

  void refuse(const beast::error_code& ec) {
    auto reply = refuse_parse(ec, s_.header_bytes, s_.body_bytes);
    if (!reply) return close();
    s_.set_waiting(*this, false);
    // Headers may not have been read: the proxy's word about the client is
    // then unknown, and the refusal is the proxy's.
    const std::string client = parser_->is_header_done() ? client_of(parser_->get()) : peer_;
    s_.note_refusal(client, via_proxy_ && client == peer_, *reply);
    keep_alive_ = false;
    write_reply(std::move(*reply));
  }

  void handle() {
    disarm();  // a route may take its time; the write has its own deadline
    Request req = parser_->release();
    const bool get = req.method() == http::verb::get;
    head_ = req.method() == http::verb::head;
    keep_alive_ = req.keep_alive() && !s_.stopping && s_.keep_alive.count() > 0;
    range_ = get && req.find(http::field::if_range) == req.end()
                 ? std::string(req[http::field::range])
                 : std::string();
    const bool store = req.find(http::field::authorization) != req.end();
    HttpRequest request = to_request(req, client_of(req), s_.services.extension);
    // /healthz is answered here, never behind a queue: it says the process
    // is alive even while every worker waits for a stuck ledger.
    if (request.path == "/healthz" && (get || head_)) return write_reply(handle_healthz(s_.services));
    const bool priority = store || request.path == "/readyz" || request.path == "/metrics";
    auto work = asio::make_work_guard(s_.ioc);  // run() does not return while a route runs
    s_.workers.submit(priority, [self = self(), request = std::move(request), work]() mutable {
      HttpReply reply;
      try {
        reply = route(request, self->s_.services);
      } catch (const std::exception&) {
        reply = json_error(500, "internal_error", "internal error; it was logged");
      }
      asio::post(self->s_.ioc, [self, reply = std::move(reply)]() mutable {
        self->write_reply(std::move(reply));
      });
      work.reset();
    });
  }

  template <class Response>
  void set_common(Response& res, const HttpReply& reply) {
    res.version(version_);
    res.result(unsigned(reply.status));
    for (const auto& [key, value] : reply.headers) res.insert(key, value);
    res.keep_alive(keep_alive_ && !s_.stopping);
  }

  void write_reply(HttpReply reply) {
    if (closed_) return;
    arm(Clock::now() + s_.write_timeout, nullptr);
    if (!reply.file.empty()) return write_file(std::move(reply));
    auto res = std::make_shared<http::response<http::string_body>>();
    set_common(*res, reply);
    res->set(http::field::content_type, reply.content_type);
    res->content_length(reply.body.size());
    if (!head_) res->body() = std::move(reply.body);
    http::async_write(stream_, *res, [self = self(), res](beast::error_code ec, std::size_t) {
      self->after_write(ec, res->keep_alive());
    });
  }

  // Files go out in 64 KB pieces, honouring one byte range.
  void write_file(HttpReply reply) {
    file_.emplace();
    beast::error_code ec;
    file_->open(reply.file.c_str(), beast::file_mode::read, ec);
    const std::uint64_t size = ec ? 0 : file_->size(ec);
    if (ec) {
      file_.reset();
      return write_reply(json_error(404, "not_found", "file is not available"));
    }
    const ByteRange range = choose_range(range_, size);
    if (range.kind == ByteRange::Kind::unsatisfiable) {
      file_.reset();
      HttpReply refused = json_error(416, "range_not_satisfiable",
                                     "Range " + quote(range_) + " is outside the file's " +
                                         std::to_string(size) + " bytes");
      refused.headers.emplace_back("Content-Range", range.content_range(size));
      return write_reply(std::move(refused));
    }
    const bool partial = range.kind == ByteRange::Kind::partial;
    file_offset_ = partial ? range.first : 0;
    file_left_ = partial ? range.length() : size;
    if (partial) {
      reply.status = 206;
      reply.headers.emplace_back("Content-Range", range.content_range(size));
    }
    reply.headers.emplace_back("Accept-Ranges", "bytes");
    file_res_.emplace();
    set_common(*file_res_, reply);
    file_res_->set(http::field::content_type, reply.content_type);
    file_res_->content_length(file_left_);
    file_res_->body().data = nullptr;
    file_res_->body().more = true;
    file_sr_.emplace(*file_res_);
    http::async_write_header(stream_, *file_sr_, [self = self()](beast::error_code ec, std::size_t) {
      if (ec) return self->after_write(ec, false);
      if (self->head_ || self->file_left_ == 0) return self->after_write({}, self->file_res_->keep_alive());
      self->write_file_chunk();
    });
  }

  void write_file_chunk() {
    file_chunk_.resize(kFileChunk);
    beast::error_code ec;
    file_->seek(file_offset_, ec);
    const std::size_t want = std::size_t(std::min<std::uint64_t>(kFileChunk, file_left_));
    const std::size_t got = ec ? 0 : file_->read(file_chunk_.data(), want, ec);
    if (ec || got == 0) return after_write(asio::error::broken_pipe, false);  // file shrank
    file_offset_ += got;
    file_left_ -= got;
    file_res_->body().data = file_chunk_.data();
    file_res_->body().size = got;
    file_res_->body().more = file_left_ > 0;
    arm(Clock::now() + s_.write_timeout, nullptr);
    http::async_write(stream_, *file_sr_, [self = self()](beast::error_code ec, std::size_t) {
      if (ec == http::error::need_buffer) ec = {};
      if (ec) return self->after_write(ec, false);
      if (self->file_left_ > 0) return self->write_file_chunk();
      self->after_write({}, self->file_res_->keep_alive());
    });
  }

  void after_write(beast::error_code ec, bool keep) {
    file_sr_.reset();
    file_res_.reset();
    file_.reset();
    if (closed_) return;
    if (ec || !keep || s_.stopping) return close();
    wait_for_request(false);
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    disarm();
    s_.set_waiting(*this, false);
    beast::error_code ignored;
    auto& socket = beast::get_lowest_layer(stream_);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    s_.budget.remove(peer_);
  }

  Shared& s_;
  Stream stream_;
  asio::steady_timer timer_;
  std::uint64_t timer_generation_ = 0;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string peer_;
  bool via_proxy_ = false;
  Clock::time_point header_deadline_;
  bool closed_ = false;
  bool keep_alive_ = false;
  bool head_ = false;
  unsigned version_ = 11;
  std::string range_;
  std::optional<beast::file> file_;
  std::uint64_t file_offset_ = 0, file_left_ = 0;
  std::string file_chunk_;
  std::optional<http::response<http::buffer_body>> file_res_;
  std::optional<http::response_serializer<http::buffer_body>> file_sr_;
};

void accept_next(Shared& s);

void admit(Shared& s, tcp::socket socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;
  std::string peer = plain_address(endpoint.address().to_string());
  switch (s.budget.check(peer, s.proxies.contains(peer))) {
    case ConnectionBudget::Verdict::over_client_cap:
      s.services.connections.refused_per_client.fetch_add(1, std::memory_order_relaxed);
      socket.close(ec);
      return;
    case ConnectionBudget::Verdict::full:
      if (!s.evict_oldest()) {
        s.services.connections.refused_full.fetch_add(1, std::memory_order_relaxed);
        socket.close(ec);
        return;
      }
      break;
    case ConnectionBudget::Verdict::admit:
      break;
  }
  socket.set_option(tcp::no_delay(true), ec);
  if (s.tls) {
    std::make_shared<Session<beast::ssl_stream<tcp::socket>>>(s, std::move(peer), std::move(socket), *s.tls)
        ->start();
  } else {
    std::make_shared<Session<tcp::socket>>(s, std::move(peer), std::move(socket))->start();
  }
}

void accept_next(Shared& s) {
  s.acceptor.async_accept([&s](beast::error_code ec, tcp::socket socket) {
    if (!s.acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors: make room, then try again shortly instead
      // of spinning on the error.
      s.evict_oldest();
      s.retry_accept.expires_after(std::chrono::milliseconds(20));
      s.retry_accept.async_wait([&s](beast::error_code wait) {
        if (!wait) accept_next(s);
      });
      return;
    }
    admit(s, std::move(socket));
    accept_next(s);
  });
}

void schedule_report(Shared& s) {
  s.report.expires_after(std::chrono::seconds(60));
  s.report.async_wait([&s](beast::error_code ec) {
    if (ec || s.stopping) return;
    s.report_pressure();
    schedule_report(s);
  });
}

// Each connection holds a file descriptor; the soft limit is often 1024.
void raise_file_limit(int max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = rlim_t(max_connections) + 256;
  if (limit.rlim_cur < wanted) {
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Config& config, Services& services) : shared(config, services) {}
  Shared shared;
};

HttpServer::HttpServer(const Config& config, Services& services)
    : impl_(std::make_unique<Impl>(config, services)) {
  Shared& s = impl_->shared;
  auto [host, port] = split_listen(config.listen);
  if (!config.tls_cert.empty()) {
    try {
      s.tls.emplace(asio::ssl::context::tls_server);
      s.tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1);
      s.tls->use_certificate_chain_file(config.tls_cert.string());
      s.tls->use_private_key_file(config.tls_key.string(), asio::ssl::context::pem);
    } catch (const std::exception&) {
      throw bad_input("TLS certificate " + quote(config.tls_cert.string()) + " or key " +
                      quote(config.tls_key.string()) + " cannot be loaded; expected PEM files");
    }
  }
  raise_file_limit(config.max_connections);
  beast::error_code ec;
  tcp::resolver resolver(s.ioc);
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (!ec && !endpoints.empty()) {
    const tcp::endpoint endpoint = endpoints.begin()->endpoint();
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec || endpoints.empty())
    throw io_error("cannot listen on " + quote(config.listen) +
                   "; is the address local and the port free?");
  port_ = s.acceptor.local_endpoint().port();
  accept_next(s);
  schedule_report(s);
}

HttpServer::~HttpServer() = default;

void HttpServer::run() { impl_->shared.ioc.run(); }

void HttpServer::stop() {
  // Runs on the network thread; posted before run() it runs first thing.
  asio::post(impl_->shared.ioc, [&s = impl_->shared] {
    if (s.stopping) return;
    s.stopping = true;
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.retry_accept.cancel();
    s.report.cancel();
    while (s.evict_oldest()) {
    }
    // Connections busy with a request close after their answer.
  });
}

}  // namespace sf::verifier
