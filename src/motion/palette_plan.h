// motion (internal): APNG and GIF plans. A plan is a drawn size, a frame
// rate and a palette size; plans are ranked by one measure, PSNR against the
// source frames at the same timestamps (drawn at the size the platform and
// the source's own pixels allow), never by a fixed order of sacrifices.
#pragma once

#include <string>
#include <vector>

#include "motion/animation.h"
#include "motion/render.h"
#include "motion/targets.h"

namespace sf::motion::detail {

/// The canvas the art deserves: the platform's box, except that where the
/// platform takes a smaller canvas (`!canvas_fixed`) the art is never drawn
/// larger than the source's own pixels (down to `min_canvas_px`). The
/// margin shrinks in proportion, so the sticker looks the same.
Box natural_box(const AnimatedTarget& target, int source_width, int source_height, int margin_px);

/// Renders `timed` (timing rules already applied, source pixels) for an
/// APNG or GIF `target`, filling `result` (which carries the timing notes
/// so far). Throws Error(bad_input) when no plan fits, as render_animation.
EncodedAnimation render_palette(const Animation& timed, const AnimatedTarget& target, const RenderOptions& options,
                                int loops, EncodedAnimation result);

}  // namespace sf::motion::detail
