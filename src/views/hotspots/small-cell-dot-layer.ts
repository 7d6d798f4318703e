import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { DefaultProps } from '@deck.gl/core';
import { CELL_DOT_MIN_PIXELS } from './layers';

type Props = { cellSizeM: number };

/**
 * A ScatterplotLayer of dots marking cells, drawn only while a cell is under CELL_DOT_MIN_PIXELS across
 * on screen (a 100 m cell over a whole city): once a cell is large enough to see, its polygon alone shows
 * it (dots over visible cells would speckle every cluster).
 */
export class SmallCellDotLayer<D> extends ScatterplotLayer<D, Props> {
  static override layerName = 'SmallCellDotLayer';
  static override defaultProps: DefaultProps<Props & ScatterplotLayerProps> = {
    ...ScatterplotLayer.defaultProps,
    cellSizeM: 0,
  };

  override draw(opts: Parameters<ScatterplotLayer<D>['draw']>[0]): void {
    const cellPixels = this.props.cellSizeM / this.context.viewport.metersPerPixel;
    if (cellPixels < CELL_DOT_MIN_PIXELS) super.draw(opts);
  }
}
