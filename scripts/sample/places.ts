/**
 * Where episodes are found: named anchors in Beijing (WGS-84, approximate to ~200 m) with a kind, a base weight,
 * a spread and a trend over the study period. Railway station coordinates are Wikipedia's.
 */
import { gcj02ToWgs84 } from '../../src/core/geo/coords';

export type PlaceKind = 'station' | 'tourist' | 'hospital' | 'transit' | 'bridge' | 'area';
/** stable; growing (linear rise over the period); emerging (appears in the last year); fading (declines). */
export type PlaceTrend = 'stable' | 'growing' | 'emerging' | 'fading';

export interface Place {
  name: string;
  lon: number;
  lat: number;
  kind: PlaceKind;
  weight: number;
  /** Standard deviation of the scatter around the anchor, metres. */
  spread: number;
  trend: PlaceTrend;
  /** No finds before this day (YYYY-MM-DD), e.g. a station's opening. */
  opens?: string;
  /** Labels for 发现地点 with offsets (metres east, metres north) from the anchor. */
  spots: readonly (readonly [string, number, number])[];
}

type Row = [string, number, number, PlaceKind, number, number, PlaceTrend?, (readonly [string, number, number])[]?];

const s = (label: string, dx = 0, dy = 0): readonly [string, number, number] => [label, dx, dy];

const ROWS: Row[] = [
  // Railway stations (Wikipedia coordinates, GCJ-02: see toWgs).
  [
    '北京站',
    116.42792,
    39.902896,
    'station',
    60,
    220,
    'stable',
    [
      s('北京站广场', 0, 60),
      s('北京站东街', 380, 180),
      s('北京站西街', -380, 180),
      s('北京站地下通道', -120, 120),
      s('北京站口公交站', 150, 420),
    ],
  ],
  [
    '北京西站',
    116.322062,
    39.894914,
    'station',
    70,
    250,
    'stable',
    [
      s('北京西站北广场', 0, 300),
      s('北京西站南广场', -60, -380),
      s('北京西站南出站口', -120, -450),
      s('北京西站地下通道', 80, 40),
      s('莲花池东路', -250, 650),
    ],
  ],
  [
    '北京南站',
    116.37639,
    39.86583,
    'station',
    50,
    240,
    'stable',
    [
      s('北京南站北广场', 0, 330),
      s('北京南站南广场', 0, -330),
      s('北京南站东侧公交场站', 420, 0),
      s('车站路', -300, 450),
    ],
  ],
  [
    '北京北站',
    116.34722,
    39.94528,
    'station',
    22,
    200,
    'stable',
    [s('北京北站广场', 0, -120), s('西直门外大街', -250, -300), s('西直门地铁站', 200, -200)],
  ],
  [
    '北京朝阳站',
    116.50806,
    39.94722,
    'station',
    24,
    220,
    'growing',
    [s('北京朝阳站西广场', -300, 0), s('北京朝阳站东广场', 300, 0), s('姚家园路', 0, 450)],
  ],
  [
    '丰台站',
    116.28861,
    39.84833,
    'station',
    24,
    220,
    'growing',
    [s('丰台站北广场', 0, 280), s('丰台站南广场', 0, -280), s('丰台站东侧', 350, 0)],
  ],
  // Tourist and shopping areas.
  [
    '天安门',
    116.3915,
    39.9033,
    'tourist',
    16,
    300,
    'stable',
    [s('天安门广场东侧', 250, 0), s('天安门地铁站', 0, 400), s('正阳门', 0, -400)],
  ],
  [
    '前门',
    116.3916,
    39.8945,
    'tourist',
    20,
    280,
    'stable',
    [s('前门大街', 0, 0), s('大栅栏', -300, 100), s('前门东大街', 400, 250)],
  ],
  [
    '王府井',
    116.4044,
    39.9132,
    'tourist',
    18,
    260,
    'stable',
    [s('王府井步行街', 0, 0), s('王府井大街', 0, 350), s('东单北大街', 600, 0)],
  ],
  [
    '南锣鼓巷',
    116.397,
    39.9365,
    'tourist',
    10,
    200,
    'stable',
    [s('南锣鼓巷', 0, 0), s('鼓楼东大街', -100, 450), s('地安门东大街', -200, -400)],
  ],
  [
    '西单',
    116.3676,
    39.911,
    'tourist',
    17,
    250,
    'stable',
    [s('西单北大街', 0, 0), s('西单地铁站', 0, -350), s('西单商场', 120, 200)],
  ],
  ['什刹海', 116.3815, 39.9395, 'tourist', 7, 300, 'stable', [s('什刹海', 0, 0), s('后海南沿', -300, 100)]],
  // Hospitals.
  ['北京协和医院', 116.4115, 39.9118, 'hospital', 9, 120, 'stable', [s('协和医院门诊楼'), s('东单北大街', -200, 0)]],
  ['北京友谊医院', 116.3895, 39.8845, 'hospital', 7, 120, 'stable', [s('友谊医院'), s('永安路', 0, 150)]],
  ['北京积水潭医院', 116.3667, 39.9405, 'hospital', 6, 120, 'stable', [s('积水潭医院'), s('新街口东街', 0, -120)]],
  ['北京大学人民医院', 116.349, 39.9345, 'hospital', 6, 120, 'stable', [s('人民医院'), s('西直门南大街', 100, 0)]],
  ['北京朝阳医院', 116.447, 39.9235, 'hospital', 6, 120, 'stable', [s('朝阳医院'), s('工人体育场南路', 0, 150)]],
  ['北京天坛医院', 116.285, 39.837, 'hospital', 5, 130, 'stable', [s('天坛医院')]],
  ['北京安贞医院', 116.3975, 39.9725, 'hospital', 5, 120, 'stable', [s('安贞医院'), s('安贞路', 150, 0)]],
  ['北京安定医院', 116.3925, 39.949, 'hospital', 4, 120, 'stable', [s('安定医院')]],
  ['北京回龙观医院', 116.331, 40.076, 'hospital', 3, 150, 'stable', [s('回龙观医院')]],
  // Transit hubs.
  [
    '六里桥',
    116.304,
    39.885,
    'transit',
    22,
    220,
    'stable',
    [s('六里桥长途客运站'), s('六里桥桥下', 150, 120), s('六里桥东地铁站', 500, 0)],
  ],
  [
    '四惠',
    116.49,
    39.9085,
    'transit',
    18,
    230,
    'stable',
    [s('四惠长途客运站'), s('四惠枢纽站', 200, 100), s('四惠桥下', -200, 0)],
  ],
  ['赵公口', 116.4001, 39.8542, 'transit', 7, 200, 'stable', [s('赵公口长途客运站'), s('赵公口桥下', 100, 100)]],
  ['东直门', 116.4285, 39.9405, 'transit', 9, 220, 'stable', [s('东直门交通枢纽'), s('东直门外大街', 400, 0)]],
  ['动物园', 116.3325, 39.9395, 'transit', 8, 220, 'stable', [s('动物园公交枢纽'), s('西直门外大街', 300, 0)]],
  [
    '首都机场',
    116.607,
    40.051,
    'transit',
    5,
    400,
    'stable',
    [s('首都机场T3航站楼'), s('首都机场T2航站楼', -1500, 900)],
  ],
  // Under bridges (桥下): shelter in the cold.
  ['三元桥', 116.45, 39.9595, 'bridge', 8, 120, 'stable', [s('三元桥桥下')]],
  ['安华桥', 116.3975, 39.9665, 'bridge', 5, 120, 'stable', [s('安华桥桥下')]],
  ['玉泉营桥', 116.3435, 39.8535, 'bridge', 6, 120, 'stable', [s('玉泉营桥桥下')]],
  ['大望桥', 116.47, 39.9065, 'bridge', 6, 120, 'stable', [s('大望桥桥下')]],
  ['马甸桥', 116.3725, 39.9675, 'bridge', 5, 120, 'stable', [s('马甸桥桥下')]],
  ['双井桥', 116.4545, 39.8925, 'bridge', 5, 120, 'stable', [s('双井桥桥下')]],
  ['公主坟', 116.304, 39.9055, 'bridge', 6, 150, 'stable', [s('公主坟桥下'), s('公主坟地铁站', 0, 200)]],
  ['木樨地桥', 116.332, 39.9055, 'bridge', 4, 120, 'stable', [s('木樨地桥下')]],
  ['菜户营桥', 116.348, 39.86, 'bridge', 4, 120, 'stable', [s('菜户营桥桥下')]],
  // Emerging and fading places.
  [
    '通州北苑',
    116.635,
    39.9,
    'area',
    18,
    350,
    'emerging',
    [s('通州北苑地铁站'), s('新华大街', 500, 100), s('北苑南路', 0, -300)],
  ],
  ['草桥', 116.3515, 39.8445, 'area', 12, 300, 'emerging', [s('草桥地铁站'), s('草桥欣园', 300, -200)]],
  [
    '木樨园',
    116.3915,
    39.858,
    'area',
    16,
    300,
    'fading',
    [s('木樨园桥下'), s('大红门路', 400, -200), s('木樨园批发市场', -200, 200)],
  ],
];

type AreaRow = [string, number, number, number, number?];

/** General finds spread around neighbourhoods, roads and district towns: [name, lon, lat, weight, spread m]. */
const AREAS: AreaRow[] = [
  ['东直门内大街', 116.427, 39.94, 5, 700],
  ['崇文门外大街', 116.411, 39.899, 5, 700],
  ['雍和宫大街', 116.411, 39.947, 4, 700],
  ['天坛东门', 116.414, 39.882, 4, 800],
  ['牛街', 116.358, 39.884, 4, 700],
  ['菜市口', 116.369, 39.8875, 4, 700],
  ['德胜门', 116.3735, 39.947, 4, 700],
  ['阜成门', 116.35, 39.923, 4, 700],
  ['广安门', 116.3425, 39.888, 4, 700],
  ['国贸', 116.455, 39.9075, 6, 900],
  ['三里屯', 116.449, 39.9355, 5, 800],
  ['望京', 116.474, 39.996, 5, 1200],
  ['劲松', 116.4555, 39.883, 4, 900],
  ['亚运村', 116.405, 39.99, 4, 1000],
  ['潘家园', 116.453, 39.8735, 4, 800],
  ['十里河', 116.464, 39.865, 3, 900],
  ['北苑', 116.424, 40.039, 3, 1200],
  ['酒仙桥', 116.49, 39.97, 3, 1000],
  ['管庄', 116.59, 39.915, 3, 1400],
  ['方庄', 116.427, 39.864, 4, 800],
  ['宋家庄', 116.422, 39.845, 3, 900],
  ['丰台科技园', 116.295, 39.828, 3, 1200],
  ['卢沟桥', 116.216, 39.85, 2, 1200],
  ['长辛店', 116.194, 39.828, 2, 1200],
  ['新发地', 116.366, 39.818, 4, 900],
  ['岳各庄', 116.268, 39.87, 3, 1000],
  ['苹果园', 116.1715, 39.925, 4, 1000],
  ['鲁谷', 116.231, 39.903, 4, 1000],
  ['八角', 116.206, 39.908, 3, 900],
  ['中关村', 116.31, 39.983, 5, 900],
  ['五道口', 116.332, 39.992, 4, 800],
  ['魏公村', 116.319, 39.954, 3, 800],
  ['清河', 116.327, 40.03, 3, 1200],
  ['西苑', 116.287, 39.998, 2, 1000],
  ['上地', 116.3, 40.03, 2, 1200],
  ['门头沟新城', 116.095, 39.94, 3, 1500],
  ['良乡', 116.133, 39.734, 5, 1800],
  ['长阳', 116.207, 39.765, 3, 1500],
  ['燕山', 115.97, 39.725, 2, 1500],
  ['窦店', 116.06, 39.65, 2, 1800],
  ['通州北关', 116.655, 39.915, 5, 1200],
  ['梨园', 116.66, 39.882, 4, 1200],
  ['宋庄', 116.73, 39.95, 3, 1800],
  ['马驹桥', 116.55, 39.755, 3, 1800],
  ['张家湾', 116.7, 39.845, 2, 1800],
  ['顺义城区', 116.648, 40.129, 5, 1800],
  ['后沙峪', 116.536, 40.112, 3, 1500],
  ['天竺', 116.58, 40.06, 2, 1500],
  ['昌平城区', 116.225, 40.22, 5, 1800],
  ['回龙观', 116.329, 40.07, 4, 1400],
  ['天通苑', 116.414, 40.069, 4, 1400],
  ['沙河', 116.28, 40.13, 3, 1800],
  ['南口', 116.125, 40.243, 2, 2000],
  ['黄村', 116.332, 39.728, 5, 1800],
  ['西红门', 116.323, 39.788, 3, 1400],
  ['旧宫', 116.441, 39.809, 3, 1400],
  ['亦庄', 116.5, 39.794, 4, 1800],
  ['庞各庄', 116.309, 39.644, 2, 2000],
  ['怀柔城区', 116.626, 40.315, 3, 2000],
  ['雁栖', 116.68, 40.37, 1, 2000],
  ['平谷城区', 117.115, 40.139, 3, 2000],
  ['马坊', 116.99, 40.07, 1, 1800],
  ['密云城区', 116.837, 40.376, 3, 2000],
  ['西田各庄', 116.79, 40.42, 1, 2000],
  ['延庆城区', 115.97, 40.455, 3, 2000],
  ['康庄', 115.9, 40.4, 1, 1800],
  ['八达岭', 116.015, 40.357, 1, 1200],
];

/** Scales the general areas against the hotspots (their sum sets the share of diffuse finds). */
const AREA_WEIGHT_SCALE = 1.4;

const AREA_SUFFIXES = ['', '', '附近', '路口', '公交站', '地铁站周边'] as const;

export function buildPlaces(): Place[] {
  const hotspots: Place[] = ROWS.map(([name, lon, lat, kind, weight, spread, trend, spots]) => ({
    name,
    ...toWgs(name, lon, lat),
    kind,
    weight,
    spread,
    trend: trend ?? 'stable',
    ...(name === '丰台站' ? { opens: '2022-06-20' } : {}),
    spots: spots ?? [s(name)],
  }));
  const areas: Place[] = AREAS.map(([name, lon, lat, weight, spread]) => ({
    name,
    lon,
    lat,
    kind: 'area',
    weight: weight * AREA_WEIGHT_SCALE,
    spread: spread ?? 1000,
    trend: 'stable',
    spots: AREA_SUFFIXES.map((suffix) => s(`${name}${suffix}`)),
  }));
  return [...hotspots, ...areas];
}

/**
 * Wikipedia's station coordinates match Amap's POIs, i.e. they are GCJ-02 (about 600 m east of WGS-84 in
 * Beijing; taken as WGS-84 they put 北京站东街 across the East 2nd Ring in 朝阳区). Convert them.
 */
function toWgs(name: string, lon: number, lat: number): { lon: number; lat: number } {
  if (!(RAILWAY_STATIONS as readonly string[]).includes(name)) return { lon, lat };
  const [x, y] = gcj02ToWgs84(lon, lat);
  return { lon: x, lat: y };
}

/** Names of the six railway stations (the field's main hotspots). */
export const RAILWAY_STATIONS = ['北京站', '北京西站', '北京南站', '北京北站', '北京朝阳站', '丰台站'] as const;
