import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { DefaultProps } from '@deck.gl/core';
import { CELL_DOT_MIN_PIXELS } from './layers';

type Props = { cellSizeM: number };

/**
 * A ScatterplotLayer of dots marking cells, drawn only while the cells are smaller on screen than the
 * dots (a 100 m cell over a whole city): once a cell is large enough to see, its polygon alone shows it.
 */
export class SmallCellDotLayer<D> extends ScatterplotLayer<D, Props> {
  static override layerName = 'SmallCellDotLayer';
  static override defaultProps: DefaultProps<Props & ScatterplotLayerProps> = {
    ...ScatterplotLayer.defaultProps,
    cellSizeM: 0,
  };

  override draw(opts: Parameters<ScatterplotLayer<D>['draw']>[0]): void {
    const cellPixels = this.props.cellSizeM / this.context.viewport.metersPerPixel;
    if (cellPixels < 2 * CELL_DOT_MIN_PIXELS) super.draw(opts);
  }
}
