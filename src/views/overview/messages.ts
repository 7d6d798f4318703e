import { defineMessages, type MessageKey, type Translate } from '../shared/i18n/translate';
import type { SharedKey } from '../shared/messages';

/** Words of the Overview (总览). */
export const overviewMessages = defineMessages({
  zh: {
    'overview.kpi.episodes': '救助人次',
    'overview.kpi.persons': '救助人数',
    'overview.kpi.minors': '未成年人',
    'overview.kpi.elderly': '老年人',
    'overview.kpi.returnedHome': '返乡',
    'overview.kpi.medianStay': '在站天数（中位数）',
    'overview.kpi.personsNote': '未填人员编号的记录各计一人',
    'overview.kpi.returnedNote': '护送返乡、购票返乡、亲属接回、移交流出地',
    'overview.trend.title': '月度救助趋势',
    'overview.trend.month': '月份',
    'overview.trend.count': '人次 / 人数',
    'overview.trend.lastYear': '去年同期人次',
    'overview.map.title': '发现地点分布（密度）',
    'overview.map.legend': '每格（约500米）发现人次',
    'overview.map.tooltip': '约500米格内发现 {n} 人次',
    'overview.map.unmappable': '{n} 人次无坐标，未显示在地图上，但计入所有统计',
    'overview.channel.title': '发现渠道',
    'overview.channel.axis': '人次',
  },
  en: {
    'overview.kpi.episodes': 'Episodes',
    'overview.kpi.persons': 'Persons',
    'overview.kpi.minors': 'Minors',
    'overview.kpi.elderly': 'Elderly',
    'overview.kpi.returnedHome': 'Exits to home',
    'overview.kpi.medianStay': 'Median days in station',
    'overview.kpi.personsNote': 'rows without a person id count one person each',
    'overview.kpi.returnedNote': 'escorted or ticketed home, family pickup, handed to origin',
    'overview.trend.title': 'Episodes by month',
    'overview.trend.month': 'Month',
    'overview.trend.count': 'Episodes / persons',
    'overview.trend.lastYear': 'Episodes a year earlier',
    'overview.map.title': 'Where people are found (density)',
    'overview.map.legend': 'Episodes per ~500 m cell',
    'overview.map.tooltip': '{n} episodes in this ~500 m cell',
    'overview.map.unmappable': '{n} episodes have no coordinates: not on the map, but in every figure',
    'overview.channel.title': 'Channel',
    'overview.channel.axis': 'Episodes',
  },
});

/** The view's translator: its own words and the shared ones. */
export type OverviewTranslate = Translate<MessageKey<typeof overviewMessages> | SharedKey>;
