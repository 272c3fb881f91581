/*
 * layout.h: where each box of a scene goes on a character grid, and the
 * orthogonal path of each reference.
 *
 * Boxes stand in columns: the frames in column 0, then each object one
 * column right of the nearest thing that refers to it (breadth first, in
 * slot order), garbage (alive, reachable from no frame) after.  Between two
 * columns is a gutter, whose vertical lanes carry the edges: an edge leaves
 * its slot to the right, runs down or up a lane of the source's gutter,
 * crosses other columns only along rows where they have no box, and enters
 * its target from the left -- or from the right when the target stands in
 * the same column or further left (a cycle).  So no edge crosses a box.
 *
 * Placement is stable: a layout remembers where each object stood, and an
 * object keeps its row while it stays in its column; new objects go below,
 * and a freed object's place stays empty rather than everything moving up.
 * Column and gutter widths go up in steps (a few cells; lanes
 * in pairs), so that one wider box or one more edge seldom moves the
 * columns to its right; they depend on the moment alone, so going back
 * and forth shows the same pictures.
 *
 * Lanes are handed out so that edges cross each other little: in a gutter,
 * edges running down take lanes right to left from the highest slot, those
 * running up left to right from the highest, so that neighbouring edges
 * nest instead of crossing.
 */
#ifndef REFSCOPE_LAYOUT_H
#define REFSCOPE_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "view/canvas.h"
#include "view/scene.h"

struct layout_box {
	int		 x, y;		/* top left */
	int		 w, h;
	uint32_t	 column;
};

/* One edge: a path of points (corners), first at the slot, last at the
 * arrowhead's cell; consecutive points share a row or a column. */
struct layout_edge {
	uint32_t	 from;		/* node index */
	uint32_t	 slot;
	uint32_t	 to;		/* node index */
	int		*points;	/* x0, y0, x1, y1, ... (owned) */
	uint32_t	 point_count;
	uint8_t		 arrow;		/* LINE_LEFT or LINE_RIGHT: its head points */
};

struct layout {
	struct layout_box	*boxes;		/* one per scene node */
	uint32_t		 box_count;
	struct layout_edge	*edges;
	uint32_t		 edge_count;
	int			 width;		/* extent of everything */
	int			 height;

	/* memory across frames: object id -> column and row last time */
	uint32_t		*last_column;	/* by id, UINT32_MAX: unknown */
	int			*last_row;
	uint32_t		 memory_cap;
};

/* An empty layout with no memory; caller frees with layout_free. */
struct layout	*layout_new(void);
void		 layout_free(struct layout *l);

/* Places the scene's boxes and routes its edges, remembering positions
 * for the next call.  The result stays valid until the next call. */
void		 layout_place(struct layout *l, const struct scene *s);

/* Forgets every remembered position (a reload of another scenario). */
void		 layout_forget(struct layout *l);

/* The text a box shows, for its width: its title (type and id), its
 * refcount text, and one line per slot or the value.  Shared with the
 * drawing code so that sizes and contents agree. */
int		 layout_box_width(const struct scene_node *n);
int		 layout_box_height(const struct scene_node *n);

#endif
