// motion: fitting frames into a platform's canvas. Contain-fit, never crop,
// centred, resampled with premultiplied alpha so transparent pixels lend no
// colour to the edges (no dark fringe).
#pragma once

#include <cstdint>
#include <vector>

#include "motion/animation.h"

namespace sf::motion {

/// The box a platform wants its animation in.
struct Box {
  int width = 512, height = 512;
  int margin_px = 0;             // kept free on every side
  bool pad_to_canvas = true;     // exactly width x height; false: tight canvas
  bool even_dimensions = false;  // tight canvas rounded down to even sizes (LINE)
};

/// Resizes one straight-alpha RGBA image (triangle filter widened to the
/// scale when shrinking, i.e. area-like; bilinear when enlarging).
std::vector<std::uint8_t> resize_rgba(const std::uint8_t* rgba, int width, int height,
                                      int out_width, int out_height);

/// Size of the canvas `fit_into` produces for a source of width x height.
std::pair<int, int> fitted_canvas(int width, int height, const Box& box);

/// Contain-fits every frame into `box` (timing untouched), replacing each
/// frame's pixels in place so only one copy of the frames is alive (pass
/// std::move). Never throws for sensible boxes; a box with no room left
/// after the margin is a programmer error (Error(internal)).
Animation fit_into(Animation animation, const Box& box);

}  // namespace sf::motion
