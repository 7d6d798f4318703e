import { defineMessages, type MessageKey } from '../i18n/translate';

/** Words of the street basemap setting, shared by every map. */
export const basemapMessages = defineMessages({
  zh: {
    'basemap.title': '街道底图',
    'basemap.kind': '底图来源',
    'basemap.kind.none': '不使用',
    'basemap.kind.xyz': '内网瓦片服务（XYZ / WMTS）',
    'basemap.kind.pmtiles': '本地 .pmtiles 文件',
    'basemap.url': '瓦片地址模板',
    'basemap.pick': '选择 .pmtiles 文件',
    'basemap.datum': '瓦片坐标系',
    'basemap.datum.CGCS2000': 'CGCS2000（天地图，≈ WGS-84）',
    'basemap.datum.WGS84': 'WGS-84',
    'basemap.datum.GCJ02': 'GCJ-02（高德、腾讯）',
    'basemap.save': '应用',
    'basemap.active': '正在使用街道底图：{source}',
    'basemap.none':
      '未设置街道底图。地图只显示区界；填写本单位内网的瓦片地址（如内网天地图）或选择 .pmtiles 文件后，网格下方将显示街道。',
    'basemap.datumNote':
      '地址中用 {z}、{x}、{y}（或 WMTS 的 {TileMatrix}、{TileCol}、{TileRow}）表示层级和行列；只支持 Web 墨卡托（天地图用 _w 图层）。该设置只保存在本浏览器中。',
    'basemap.gcjNote': 'GCJ-02 瓦片会在本机按偏移量重新拼接为 WGS-84，使街道与网格、轨迹对齐。',
    'basemap.error.empty': '请填写瓦片地址。',
    'basemap.error.placeholders': '瓦片地址中需要包含 {z}、{x}、{y}。',
    'basemap.error.url': '瓦片地址无法识别。',
    'basemap.error.scheme': '瓦片地址只能是 http 或 https。',
    'basemap.error.noFile': '请选择 .pmtiles 文件。',
    'basemap.error.notPmtiles': '该文件不是有效的 PMTiles 文件。',
    'basemap.error.vectorTiles': '该 PMTiles 文件是矢量瓦片；目前只支持栅格瓦片（PNG、JPEG、WebP）。',
    'basemap.error.load': '底图无法加载。',
  },
  en: {
    'basemap.title': 'Street map',
    'basemap.kind': 'Source',
    'basemap.kind.none': 'none',
    'basemap.kind.xyz': 'intranet tile service (XYZ / WMTS)',
    'basemap.kind.pmtiles': 'local .pmtiles file',
    'basemap.url': 'Tile URL template',
    'basemap.pick': 'Pick a .pmtiles file',
    'basemap.datum': 'Tile datum',
    'basemap.datum.CGCS2000': 'CGCS2000 (Tianditu, ≈ WGS-84)',
    'basemap.datum.WGS84': 'WGS-84',
    'basemap.datum.GCJ02': 'GCJ-02 (Amap, Tencent)',
    'basemap.save': 'Apply',
    'basemap.active': 'Street map in use: {source}',
    'basemap.none':
      'No street map set. Maps show district borders only; enter your intranet tile address (e.g. the intranet Tianditu) or pick a .pmtiles file to see streets under the cells.',
    'basemap.datumNote':
      "Write {z}, {x}, {y} (or WMTS {TileMatrix}, {TileCol}, {TileRow}) for zoom, column and row; Web Mercator only (Tianditu's _w layers). Kept in this browser only.",
    'basemap.gcjNote':
      'GCJ-02 tiles are redrawn shifted into WGS-84 on this computer, so streets line up with the cells and tracks.',
    'basemap.error.empty': 'Enter a tile address.',
    'basemap.error.placeholders': 'The tile address needs {z}, {x} and {y}.',
    'basemap.error.url': 'The tile address cannot be read.',
    'basemap.error.scheme': 'Tile addresses must be http or https.',
    'basemap.error.noFile': 'Pick a .pmtiles file.',
    'basemap.error.notPmtiles': 'This is not a PMTiles file.',
    'basemap.error.vectorTiles':
      'This PMTiles file holds vector tiles; only raster tiles (PNG, JPEG, WebP) are supported.',
    'basemap.error.load': 'The street map could not be loaded.',
  },
});

export type BasemapKey = MessageKey<typeof basemapMessages>;
