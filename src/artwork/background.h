// artwork (internal): removing a flat background that touches the edges of
// opaque art (a logo exported on white, a scanned sketch on paper), so the
// sticker floats on the chat instead of sitting in a box.
#pragma once

#include <optional>
#include <string>

#include "artwork/artwork.h"

namespace sf::artwork::detail {

/// What the background pass found; kept so a second decode of the same art
/// (at a higher resolution) removes exactly the same background.
struct BackgroundModel {
  pack::Rgb colour;  // the background's typical colour
  int step = 0;      // largest colour change between neighbours still background
  int reach = 0;     // largest distance from `colour` still background
};

/// Removes the background of `raster` in place according to `mode` and
/// returns the decision. `model`, when given, is reused instead of being
/// estimated again (the art is the same, only its resolution differs).
/// - keep: nothing changes.
/// - auto: only art without transparency is considered; a background that
///   is not flat (a photograph) is left alone with a warning.
/// - remove: the border colour is removed even from busy or partly
///   transparent art, with a warning when it looked busy.
/// Background connected to the edges becomes transparent; pixels on the
/// subject's edge get an alpha from how much of the background colour they
/// hold, and that colour is taken out of them (no light halo on dark chats);
/// areas of the background colour enclosed by the subject stay.
BackgroundDecision remove_background(Raster& raster, pack::Background mode,
                                     std::optional<BackgroundModel>& model);

}  // namespace sf::artwork::detail
