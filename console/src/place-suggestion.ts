/**
 * The province and city input a place suggestion names, read from its text, for suggestions that come
 * without their pick (older services, CONFLICTING_PLACE): `杭州 (浙江, Hangzhou)` and `鼓楼区 (江苏 南京)`
 * name a city and its province, `浙江 (Zhejiang)` a province, a bare name a province when
 * `isProvince` knows it, else a city.
 */
export function placeOfSuggestion(
  suggestion: string,
  isProvince: (name: string) => boolean,
): { province?: string; city?: string } {
  const [, name = suggestion, context = ''] = /^(.+?) \((.*)\)$/.exec(suggestion) ?? [];
  if (!context) return isProvince(name) ? { province: name } : { city: name };
  // `浙江 (Zhejiang)`: a province, named in Latin letters within the brackets.
  if (/^[\x20-\x7e]*$/.test(context)) return { province: name };
  // `杭州 (浙江, Hangzhou)`: a city with its province.
  if (context.includes(',')) {
    const province = context.split(',')[0]!.trim();
    return isProvince(province) ? { province, city: name } : { city: name };
  }
  // `鼓楼区 (江苏 南京)`: a district with its province and city, written together to name it alone.
  const [province, city] = context.split(' ');
  return { province, city: city && city !== name ? `${city}${name}` : name };
}
