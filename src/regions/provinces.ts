/**
 * The 31 province-level divisions of mainland China, the only places Chinese mobile segments are
 * allocated to. Short names are what the segment sources use; full names and English names are for
 * display and for matching what a customer typed.
 */
export interface ProvinceName {
  short: string;
  full: string;
  english: string;
  /** Other English spellings a user may type. */
  englishAliases?: readonly string[];
  municipality?: true;
}

export const PROVINCES: readonly ProvinceName[] = [
  { short: '北京', full: '北京市', english: 'Beijing', municipality: true },
  { short: '天津', full: '天津市', english: 'Tianjin', municipality: true },
  { short: '上海', full: '上海市', english: 'Shanghai', municipality: true },
  { short: '重庆', full: '重庆市', english: 'Chongqing', municipality: true },
  { short: '河北', full: '河北省', english: 'Hebei' },
  { short: '山西', full: '山西省', english: 'Shanxi' },
  { short: '辽宁', full: '辽宁省', english: 'Liaoning' },
  { short: '吉林', full: '吉林省', english: 'Jilin' },
  { short: '黑龙江', full: '黑龙江省', english: 'Heilongjiang' },
  { short: '江苏', full: '江苏省', english: 'Jiangsu' },
  { short: '浙江', full: '浙江省', english: 'Zhejiang' },
  { short: '安徽', full: '安徽省', english: 'Anhui' },
  { short: '福建', full: '福建省', english: 'Fujian' },
  { short: '江西', full: '江西省', english: 'Jiangxi' },
  { short: '山东', full: '山东省', english: 'Shandong' },
  { short: '河南', full: '河南省', english: 'Henan' },
  { short: '湖北', full: '湖北省', english: 'Hubei' },
  { short: '湖南', full: '湖南省', english: 'Hunan' },
  { short: '广东', full: '广东省', english: 'Guangdong' },
  { short: '海南', full: '海南省', english: 'Hainan' },
  { short: '四川', full: '四川省', english: 'Sichuan' },
  { short: '贵州', full: '贵州省', english: 'Guizhou' },
  { short: '云南', full: '云南省', english: 'Yunnan' },
  { short: '陕西', full: '陕西省', english: 'Shaanxi' },
  { short: '甘肃', full: '甘肃省', english: 'Gansu' },
  { short: '青海', full: '青海省', english: 'Qinghai' },
  { short: '内蒙古', full: '内蒙古自治区', english: 'Inner Mongolia', englishAliases: ['Nei Mongol', 'Neimenggu'] },
  { short: '广西', full: '广西壮族自治区', english: 'Guangxi' },
  { short: '西藏', full: '西藏自治区', english: 'Tibet', englishAliases: ['Xizang'] },
  { short: '宁夏', full: '宁夏回族自治区', english: 'Ningxia' },
  { short: '新疆', full: '新疆维吾尔自治区', english: 'Xinjiang' },
];
