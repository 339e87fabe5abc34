import { type CanvasComponent, type CanvasResponse } from './intercom-canvas.schema';
import { type DoorState } from './intercom-request.schema';

/** The building blocks every canvas of the door is made of. */

export const divider: CanvasComponent = { type: 'divider' };

/** The answer to a Canvas Kit request: the components, and the state the next click brings back. */
export function canvas(components: CanvasComponent[], state?: DoorState): CanvasResponse {
  return { canvas: { content: { components }, ...(state ? { stored_data: state } : {}) } };
}

/** A button that sends a submit request with its id as `component_id`. */
export function button(
  id: string,
  label: string,
  style: 'primary' | 'secondary' | 'link' = 'secondary',
): CanvasComponent {
  return { type: 'button', id, label, style, action: { type: 'submit' } };
}
