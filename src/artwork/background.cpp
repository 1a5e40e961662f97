#include "artwork/background.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <vector>

#include "artwork/pixels.h"

namespace sf::artwork::detail {
namespace {

using Colour = std::array<int, 3>;

Colour at(const Raster& r, std::size_t i) {
  return {r.rgba[i * 4], r.rgba[i * 4 + 1], r.rgba[i * 4 + 2]};
}

// Largest per-channel difference: a change in any one channel is visible,
// and it keeps the thresholds in plain 0..255 units.
int distance(const Colour& a, const Colour& b) {
  return std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
}

std::string hex(pack::Rgb c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

// Indexes of the one-pixel ring around the image, walked round so that
// neighbours in the list are neighbours in the image.
std::vector<std::size_t> border_ring(int w, int h) {
  std::vector<std::size_t> ring;
  auto idx = [w](int x, int y) { return std::size_t(y) * w + x; };
  for (int x = 0; x < w; ++x) ring.push_back(idx(x, 0));
  for (int y = 1; y < h; ++y) ring.push_back(idx(w - 1, y));
  if (h > 1)
    for (int x = w - 2; x >= 0; --x) ring.push_back(idx(x, h - 1));
  if (w > 1)
    for (int y = h - 2; y >= 1; --y) ring.push_back(idx(0, y));
  return ring;
}

bool opaque_everywhere(const Raster& r) {
  for (std::size_t i = 3; i < r.rgba.size(); i += 4)
    if (r.rgba[i] != 255) return false;
  return true;
}

// The border's most common colour (coarse bins, then the mean of the
// pixels near the winning bin) and its pixel-to-pixel noise.
BackgroundModel estimate(const Raster& r, const std::vector<std::size_t>& ring) {
  std::map<int, int> bins;
  for (std::size_t i : ring) {
    Colour c = at(r, i);
    ++bins[(c[0] >> 4) << 8 | (c[1] >> 4) << 4 | (c[2] >> 4)];
  }
  int best = std::max_element(bins.begin(), bins.end(), [](auto& a, auto& b) {
               return a.second < b.second;
             })->first;
  Colour centre{((best >> 8) & 15) * 16 + 8, ((best >> 4) & 15) * 16 + 8, (best & 15) * 16 + 8};
  long sum[3] = {0, 0, 0}, n = 0;
  for (std::size_t i : ring) {
    Colour c = at(r, i);
    if (distance(c, centre) > 24) continue;
    for (int k = 0; k < 3; ++k) sum[k] += c[k];
    ++n;
  }
  BackgroundModel model;
  n = std::max(1L, n);
  model.colour = {static_cast<std::uint8_t>(sum[0] / n), static_cast<std::uint8_t>(sum[1] / n),
                  static_cast<std::uint8_t>(sum[2] / n)};
  // Noise: the median change between neighbouring border pixels (the
  // median ignores the few places where the subject crosses the edge).
  std::vector<int> steps;
  for (std::size_t k = 1; k < ring.size(); ++k)
    steps.push_back(distance(at(r, ring[k]), at(r, ring[k - 1])));
  int noise = 0;
  if (!steps.empty()) {
    std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
    noise = steps[steps.size() / 2];
  }
  // JPEG noise and paper grain change a few levels between neighbours; an
  // edge of the art (even anti-aliased) changes far more.
  model.step = std::clamp(3 * noise + 10, 10, 40);
  // A vignette or uneven lighting drifts slowly across the image: allow a
  // wide total drift as long as every single step is small.
  model.reach = std::clamp(4 * model.step, 40, 100);
  return model;
}

// Flood fill from the edges: 4-connected (so a one-pixel diagonal gap in a
// line does not let the fill into the subject), each step small, each pixel
// within reach of the background colour. Fully transparent pixels count as
// background.
std::vector<std::uint8_t> fill_from_edges(const Raster& r, const std::vector<std::size_t>& ring,
                                          const BackgroundModel& m) {
  const int w = r.width, h = r.height;
  const Colour bg{m.colour.r, m.colour.g, m.colour.b};
  std::vector<std::uint8_t> filled(std::size_t(w) * h, 0);
  std::deque<std::size_t> queue;
  auto clear = [&](std::size_t i) { return r.rgba[i * 4 + 3] < 8; };
  for (std::size_t i : ring) {
    if (filled[i]) continue;
    if (clear(i) || distance(at(r, i), bg) <= m.reach) {
      filled[i] = 1;
      queue.push_back(i);
    }
  }
  while (!queue.empty()) {
    std::size_t i = queue.front();
    queue.pop_front();
    int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
    Colour c = at(r, i);
    const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
    for (int k = 0; k < 4; ++k) {
      int nx = x + dx[k], ny = y + dy[k];
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      std::size_t j = std::size_t(ny) * w + nx;
      if (filled[j]) continue;
      bool take = clear(j) || (r.rgba[i * 4 + 3] >= 8 && distance(at(r, j), c) <= m.step &&
                               distance(at(r, j), bg) <= m.reach);
      if (take) {
        filled[j] = 1;
        queue.push_back(j);
      }
    }
  }
  return filled;
}

// JPEG ringing leaves specks a few pixels big that differ from their
// neighbours by more than a step, so the fill goes round them: islands that
// small and still near the background colour are background too.
void absorb_specks(const Raster& r, std::vector<std::uint8_t>& filled, const BackgroundModel& m,
                   int max_px) {
  const int w = r.width, h = r.height;
  const Colour bg{m.colour.r, m.colour.g, m.colour.b};
  std::vector<std::uint8_t> seen(filled.size(), 0);
  std::vector<std::size_t> island;
  for (std::size_t start = 0; start < filled.size(); ++start) {
    if (filled[start] || seen[start]) continue;
    island.clear();
    bool small = true, near_bg = true;
    std::vector<std::size_t> stack{start};
    seen[start] = 1;
    while (!stack.empty()) {
      std::size_t i = stack.back();
      stack.pop_back();
      if (small) island.push_back(i);
      if (island.size() > static_cast<std::size_t>(max_px)) small = false;
      near_bg = near_bg && distance(at(r, i), bg) <= m.reach;
      int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
      const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
      for (int k = 0; k < 4; ++k) {
        int nx = x + dx[k], ny = y + dy[k];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        std::size_t j = std::size_t(ny) * w + nx;
        if (filled[j] || seen[j]) continue;
        seen[j] = 1;
        stack.push_back(j);
      }
    }
    if (small && near_bg)
      for (std::size_t i : island) filled[i] = 1;
  }
}

// Areas of the background colour that the fill did not reach because the
// subject encloses them (eye whites, the inside of an O), at least `min_px`.
int count_enclosed(const Raster& r, const std::vector<std::uint8_t>& filled,
                   const BackgroundModel& m, int min_px) {
  const int w = r.width, h = r.height;
  const Colour bg{m.colour.r, m.colour.g, m.colour.b};
  std::vector<std::uint8_t> seen(filled.size(), 0);
  int count = 0;
  for (std::size_t start = 0; start < filled.size(); ++start) {
    if (filled[start] || seen[start] || distance(at(r, start), bg) > m.step) continue;
    int size = 0;
    std::vector<std::size_t> stack{start};
    seen[start] = 1;
    while (!stack.empty()) {
      std::size_t i = stack.back();
      stack.pop_back();
      ++size;
      int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
      const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
      for (int k = 0; k < 4; ++k) {
        int nx = x + dx[k], ny = y + dy[k];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        std::size_t j = std::size_t(ny) * w + nx;
        if (filled[j] || seen[j] || distance(at(r, j), bg) > m.step) continue;
        seen[j] = 1;
        stack.push_back(j);
      }
    }
    if (size >= min_px) ++count;
  }
  return count;
}

// Chessboard distance (in px, capped at `cap`) of every pixel to the nearest
// pixel of the other class: background pixels measure to the subject and
// subject pixels to the background.
std::vector<std::uint8_t> distance_to_other(const std::vector<std::uint8_t>& filled, int w, int h,
                                            int cap) {
  std::vector<std::uint8_t> d(filled.size(), static_cast<std::uint8_t>(cap));
  std::deque<std::size_t> queue;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::size_t i = std::size_t(y) * w + x;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          if (filled[std::size_t(ny) * w + nx] != filled[i]) d[i] = 1;
        }
      if (d[i] == 1) queue.push_back(i);
    }
  while (!queue.empty()) {
    std::size_t i = queue.front();
    queue.pop_front();
    if (d[i] + 1 >= cap) continue;
    int x = static_cast<int>(i % w), y = static_cast<int>(i / w);
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        int nx = x + dx, ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        std::size_t j = std::size_t(ny) * w + nx;
        if (filled[j] == filled[i] && d[j] > d[i] + 1) {
          d[j] = static_cast<std::uint8_t>(d[i] + 1);
          queue.push_back(j);
        }
      }
  }
  return d;
}

// Soft edge: a pixel at the boundary is a mix C = a*F + (1-a)*B of the
// subject's colour F (read from solid pixels just inside) and the local
// background B (read from background pixels just outside). Its alpha is
// the projection of C-B on F-B, and its colour is C with B taken out, so
// a dark logo keeps dark edges instead of a light ring.
void soften_edges(Raster& r, const std::vector<std::uint8_t>& filled, const BackgroundModel& m) {
  const int w = r.width, h = r.height;
  std::vector<std::uint8_t> d = distance_to_other(filled, w, h, 4);
  Raster out = r;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::size_t i = std::size_t(y) * w + x;
      bool background = filled[i];
      if (background && d[i] > 1) {
        out.rgba[i * 4 + 3] = 0;
        continue;
      }
      if (!background && d[i] > 2) continue;  // solid subject, untouched
      if (r.rgba[i * 4 + 3] < 8) {
        out.rgba[i * 4 + 3] = 0;
        continue;
      }
      double b[3] = {0, 0, 0}, f[3] = {0, 0, 0};
      int nb = 0, nf = 0;
      for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -3; dx <= 3; ++dx) {
          int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          std::size_t j = std::size_t(ny) * w + nx;
          if (r.rgba[j * 4 + 3] < 8) continue;
          if (filled[j] && std::abs(dx) <= 2 && std::abs(dy) <= 2) {
            for (int k = 0; k < 3; ++k) b[k] += r.rgba[j * 4 + k];
            ++nb;
          } else if (!filled[j] && d[j] >= 3) {
            for (int k = 0; k < 3; ++k) f[k] += r.rgba[j * 4 + k];
            ++nf;
          }
        }
      Colour bg = nb ? Colour{int(b[0] / nb), int(b[1] / nb), int(b[2] / nb)}
                     : Colour{m.colour.r, m.colour.g, m.colour.b};
      Colour c = at(r, i);
      double alpha;
      if (nf > 0) {
        double fg[3] = {f[0] / nf, f[1] / nf, f[2] / nf};
        double dot = 0, len2 = 0;
        for (int k = 0; k < 3; ++k) {
          dot += (c[k] - bg[k]) * (fg[k] - bg[k]);
          len2 += (fg[k] - bg[k]) * (fg[k] - bg[k]);
        }
        // A subject colour close to the background: alpha cannot be read
        // from colour, so the fill's decision stands.
        alpha = len2 < double(m.step) * m.step ? (background ? 0.0 : 1.0)
                                               : std::clamp(dot / len2, 0.0, 1.0);
      } else {
        // Thin strokes have no solid inside: the least alpha that explains
        // the colour over this background (GIMP's "colour to alpha").
        alpha = 0;
        for (int k = 0; k < 3; ++k) {
          double a = c[k] > bg[k] ? double(c[k] - bg[k]) / std::max(1, 255 - bg[k])
                                  : double(bg[k] - c[k]) / std::max(1, bg[k]);
          alpha = std::max(alpha, a);
        }
        alpha = std::clamp(alpha, 0.0, 1.0);
      }
      // What is left within the background's own noise is background.
      if (alpha * std::max(1, distance(c, bg)) < 0.5 * m.step && background) alpha = 0;
      if (alpha < 0.04) alpha = 0;
      if (alpha > 0.97) alpha = 1;
      out.rgba[i * 4 + 3] = static_cast<std::uint8_t>(std::lround(alpha * r.rgba[i * 4 + 3]));
      if (alpha > 0 && alpha < 1)
        for (int k = 0; k < 3; ++k) {
          double v = (c[k] - (1 - alpha) * bg[k]) / alpha;
          out.rgba[i * 4 + k] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
        }
    }
  r = std::move(out);
  clean_transparent(r);
}

BackgroundDecision kept(std::string reason) {
  BackgroundDecision decision;
  decision.action = "kept";
  decision.reason = std::move(reason);
  return decision;
}

}  // namespace

BackgroundDecision remove_background(Raster& raster, pack::Background mode,
                                     std::optional<BackgroundModel>& model) {
  if (mode == pack::Background::keep) return kept("kept as pack.json asks (\"background\": \"keep\")");
  bool opaque = opaque_everywhere(raster);
  if (mode == pack::Background::automatic && !opaque)
    return kept("the art has transparency; its background is used as drawn");
  if (raster.width < 8 || raster.height < 8) return kept("the art is too small to tell a background");

  std::vector<std::size_t> ring = border_ring(raster.width, raster.height);
  bool estimated = !model;
  if (!model) model = estimate(raster, ring);
  std::vector<std::uint8_t> filled = fill_from_edges(raster, ring, *model);
  std::size_t edge_bg = 0, total_bg = 0;
  for (std::size_t i : ring) edge_bg += filled[i];
  for (std::uint8_t f : filled) total_bg += f;
  double edge_share = double(edge_bg) / ring.size();

  BackgroundDecision decision;
  decision.colour = model->colour;
  decision.edge_share = edge_share;
  // A flat background runs round (nearly) all of the edge; a photograph's
  // edge changes colour all the way round.
  bool busy = estimated && (edge_share < 0.6 || model->step >= 40);
  if (busy && mode == pack::Background::automatic) {
    decision.action = "left";
    decision.warning = true;
    char share[16];
    std::snprintf(share, sizeof share, "%.0f%%", edge_share * 100);
    decision.reason = std::string("the background is not flat (only ") + share +
                      " of the edge is one colour, like a photograph); left as it is: "
                      "supply a cut-out with transparency, or set \"background\": \"remove\"";
    model.reset();
    return decision;
  }
  if (total_bg == filled.size()) {
    model.reset();
    return kept("the whole image is one flat colour; nothing to cut out");
  }
  absorb_specks(raster, filled, *model, std::max(4, static_cast<int>(filled.size() / 40000)));
  int min_area = std::max(4, static_cast<int>(filled.size() / 10000));
  decision.enclosed_kept = count_enclosed(raster, filled, *model, min_area);
  soften_edges(raster, filled, *model);
  decision.action = "removed";
  char share[16];
  std::snprintf(share, sizeof share, "%.0f%%", edge_share * 100);
  decision.reason = "flat background " + hex(model->colour) + " (" + share +
                    " of the edge) made transparent with soft edges";
  if (decision.enclosed_kept > 0)
    decision.reason += "; " + std::to_string(decision.enclosed_kept) + " enclosed area" +
                       (decision.enclosed_kept == 1 ? "" : "s") + " of that colour kept";
  if (busy) {
    decision.warning = true;
    decision.reason += "; the background did not look flat, check the result";
  }
  return decision;
}

}  // namespace sf::artwork::detail
