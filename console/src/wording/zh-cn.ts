import type { Violation } from '../problems.ts';
import type { PlaceField } from '../../../schema/generated/graphql.ts';
import { type Messages, listed } from './en.ts';

const FIELD_NAMES: Record<PlaceField, string> = { ADDRESS: '地址', PROVINCE: '省份', CITY: '城市' };

/**
 * The service's input problems in Chinese, by their stable `reason` code (the API writes its own
 * sentences in English). A reason not listed here shows the API's sentence as it is.
 */
const VIOLATIONS: Record<string, string> = {
  NOT_DIGITS: '只能填写数字（掩码中未知的位用 * 表示）。',
  LOOKALIKE_DIGIT: '含有看起来像数字但不是数字的字符，请用半角数字 0–9 重新输入。',
  TOO_LONG: '内容太长，不是手机号码或地名。',
  EMPTY: '为空；不需要时请留空不填。',
  MISSING_NUMBER: '请填写客户提供的号码：前缀和/或后缀（如 138 和 1234），或掩码（如 138****1234）。',
  CONFLICTING_INPUT: '掩码与前缀/后缀只能二选一。',
  WRONG_LENGTH: '掩码必须正好 11 位：已知的位填数字，未知的位填 *。',
  TOO_MANY_DIGITS: '前缀和后缀合计超过 11 位手机号码的长度。',
  NOT_MOBILE_PREFIX: '中国大陆手机号码以 1 开头。',
  UNALLOCATED_PREFIX: '没有以这些数字开头的已分配手机号段，请与客户核对开头几位。',
  NO_CANDIDATES: '没有任何已分配的手机号码符合这些数字，请与客户核对。',
  TOO_MANY_CANDIDATES: '可能的号码太多，超过单次查询上限：请补充更多已知数字。',
  UNKNOWN_PROVINCE: '不是已知的省份。',
  UNKNOWN_CITY: '不是已知的城市。',
  AMBIGUOUS_CITY: '有多个同名城市，请同时填写省份。',
  CITY_NOT_IN_PROVINCE: '该城市不在所填省份内。',
  CITY_IS_PROVINCE: '这是省份名，请填在“省份”栏。',
  AMBIGUOUS_PLACE: '有多个同名地点，请点选其中一个（或填写省份、城市加以区分）。',
  CONFLICTING_PLACE: '地址中的地点与所填省份或城市不一致，请核对（或清空省份和城市）。',
  UNKNOWN_PLACE: '地址开头没有可识别的省份、城市或区县。',
};

/** UNKNOWN_CITY for a whole address typed as the city; the service tells it apart only in its sentence. */
const ADDRESS_AS_CITY = /send it as address/;

/** Every word of the console in Simplified Chinese (the shape of the English table, checked by the type). */
export const zhCN: Messages = {
  htmlLang: 'zh-CN',
  title: 'phonematch · 坐席查询台',
  product: '坐席查询台',
  tagline: '根据客户记得的几位数字，找出完整的手机号码。',
  otherLanguage: 'English',
  otherLanguageCode: 'en',
  otherLanguageLabel: '将界面切换为英文（English）',
  changeKey: '更换 API 密钥',

  key: {
    title: 'API 密钥',
    explain: '此服务需要 API 密钥。密钥只保存在当前浏览器标签页中（关闭即清除），且只发送给此服务。',
    label: 'API 密钥',
    use: '使用此密钥',
    refused: '服务未接受该密钥，请核对后重新输入。',
  },

  form: {
    title: '查找号码',
    numberLegend: '客户提供的号码',
    prefix: '前缀',
    prefixHint: '开头几位，如 138',
    suffix: '后缀',
    suffixHint: '末尾几位，如 1234',
    or: '或',
    mask: '掩码',
    maskHint: '完整 11 位，未知的位填 *；填写完整号码则只查该号码',
    placeLegend: '客户所在地',
    province: '省份',
    provinceHint: '选填 · 浙江 或 Zhejiang',
    city: '城市',
    cityHint: '选填 · 优先查询',
    address: '地址',
    addressHint: '选填 · 粘贴订单上的地址，从开头识别省份和城市',
    readAs: '识别为：',
    wholeProvince: '（全省）',
    readFrom: (fields) =>
      `（来自${listed(
        fields.map((f) => FIELD_NAMES[f]),
        '和',
        '、',
      )}）`,
    stopAt: '何时停止',
    stopFirstMatch: '找到第一个即停',
    stopTier: '查完该层级再停',
    stopAll: '查询所有层级',
    search: '查询',
    cancel: '取消',
    cancelling: '正在取消…',
    nothingEntered: '请填写客户提供的数字：前缀、后缀或两者（或掩码）。',
    violation: (v: Violation) =>
      v.reason === 'UNKNOWN_CITY' && ADDRESS_AS_CITY.test(v.message)
        ? '这看起来是完整地址，请粘贴到“地址”栏。'
        : (VIOLATIONS[v.reason] ?? v.message),
    // The reason's sentence says what is accepted; the API's own words for it are English.
    accepted: (v: Violation) => (v.reason in VIOLATIONS || !v.accepted ? '' : `可接受：${v.accepted}`),
    didYouMean: '您是否要找',
    didYouMeanEnd: '？',
    whichPlace: '请选择：',
  },

  tiers: { CITY: '本市', PROVINCE: '本省', NATIONAL: '全国', UNLOCATED: '未知归属地' },
  scope: {
    cityOf: (city) => `${city}的号码`,
    noCity: '未填城市',
    noProvince: '未填省份',
    restOf: (province) => `${province}其他城市`,
    provinceOf: (province) => `${province}的号码`,
    restOfCountry: '全国其他地区',
    wholeCountry: '全国',
    unlocated: '归属地未知的号段',
  },
  outcomes: {
    SKIPPED: '已跳过',
    COMPLETED: '全部查完',
    STOPPED_AT_MATCH: '找到后停止',
    NOT_REACHED: '无需查询',
    RUNNING: '查询中',
    CANCELLED: '已取消',
    TIMED_OUT: '超时',
    UPSTREAM_UNAVAILABLE: '订单服务不可用',
  },
  statuses: {
    MATCHED: '已找到号码',
    NOT_FOUND: '没有有订单的号码',
    INCOMPLETE: '不确定：部分查询失败',
    TIMED_OUT: '超时',
    CANCELLED: '已取消',
  },

  view: {
    search: '查询',
    searchOf: (query) => `查询 ${query}`,
    possible: (n, count) => `共 ${count(n)} 个可能的号码`,
    reference: '编号',
    referenceLabel: '查询编号，可告知同事或运维人员',
    copyLink: '复制链接',
    linkCopied: '链接已复制',
    idle: '填写客户提供的数字（知道城市的话也填上），然后点击“查询”。',
    starting: '正在开始查询…',
    opening: '正在打开查询…',
    searchingTier: (tier, found) => `正在查询“${tier}”层级…${found ? ` · 已找到 ${found} 个` : ''}`,
    stopped: '查询已停止。',
    tierList: '各层级进度',
    checking: '查询中…',
    waiting: '等待中',
    reconnectingTier: '正在重新连接…',
    skipped: '已跳过',
    tierCounts: (checked, candidates, failed, count) =>
      `已查 ${count(checked)} / ${count(candidates)}${failed ? ` · 失败 ${count(failed)}` : ''}`,
    noCandidates: '没有候选号码',
    barText: (checked, candidates, failed, withOrders, count) =>
      `已查 ${count(checked)} / ${count(candidates)}，失败 ${count(failed)}，有订单 ${count(withOrders)}`,
    barSkipped: '已跳过',
    hasOrders: '有订单',
    matchLabel: (phone) => `匹配 ${phone}`,
    placeUnknown: '归属地未知',
    inTier: (tier) => `${tier}层级`,
    copyNumber: '复制号码',
    copied: '已复制',
    serviceNote: (note) => `服务备注（英文）：${note}`,
    tableCaption: '各层级',
    columns: ['层级', '候选', '已查', '失败', '有订单', '用时', '结果'],
    seconds: (s) => `${s} 秒`,
    couldNotCheck: (n, count) => `${count(n)} 个号码未能查询`,
  },

  verdict: {
    checked: (checked, total, count) => `已查 ${count(checked)} / ${count(total)} 个号码`,
    failedChecks: (n, count) => `${count(n)} 次查询失败`,
    matchedMany: (n, count) => `${count(n)} 个号码有订单`,
    matchedDetail: (checked, failed) => `${checked}。${failed ? `${failed}，不影响此匹配结果。` : ''}`,
    notFoundDetail: (n, count) => `所有候选号码（${count(n)} 个）都已查询，均无订单。请与客户核对数字和所在地。`,
    downTitle: '订单服务没有响应',
    downDetail: (checked, failed) => `查询已停止：${checked}，${failed}。能查到的号码中没有匹配。请几分钟后再试。`,
    incompleteDetail: (failed) =>
      `已查的号码中没有匹配，但${failed}，号码可能就在其中。请再次查询以重试这些号码（已有答复的号码不会重复查询）。`,
    timedOutTitle: '查询超时',
    timedOutDetail: (checked) => `时限内${checked}。请补充城市或更多数字以缩小范围，或再次查询。`,
    cancelledTitle: '查询已取消',
    cancelledByYou: (checked) => `您取消了查询：取消前${checked}。`,
    cancelledElsewhere: (checked) =>
      `查询被服务取消（服务正在关闭，或无人查看该查询）或在其他窗口被取消：取消前${checked}。`,
    noMatchAmongThem: '其中没有匹配。',
    searching: '查询中…',
  },

  problems: {
    titles: {
      input: '请检查输入',
      auth: 'API 密钥被拒绝',
      busy: '查询过多',
      refused: '请求被拒绝',
      gone: '找不到该查询',
      connection: '连接中断',
      unexpected: '服务出错',
    },
    keyRefused: '服务未接受该 API 密钥，请输入有效的密钥。',
    busyNow: '此密钥正在运行或一分钟内发起的查询过多。',
    retryIn: (s) => `${s} 秒后自动重新查询。`,
    retryLater: '请稍候再查询。',
    tooManyConnections: '与服务的连接过多，请稍候。',
    gone: '该查询已不再保留（结束已久），或是用其他密钥发起的。',
    refused: (message) => `服务拒绝了请求：${message}`,
    restarting: '服务正在重启。',
    lost: '与服务的连接中断。',
    reconnecting: (attempt) =>
      `正在重新连接服务以继续跟踪查询（查询仍在服务端运行）${attempt > 1 ? `（第 ${attempt} 次尝试）` : ''}…`,
    noAnswer: '服务没有返回结果。',
    endedWithoutResult: '查询结束但没有结果，请重新查询。',
    unexpected: '服务意外出错。请重新查询；如果一直失败，请告知服务运维人员。',
    rejected: '服务拒绝了请求。',
  },

  history: {
    title: '最近的查询',
    empty: '在此浏览器中发起的查询会显示在这里。',
    open: '打开',
    openLabel: (query) => `打开查询 ${query}`,
    show: '显示',
    showLabel: '显示完整号码',
    running: '进行中',
    anywhere: '未填所在地',
    clear: '清空列表',
  },
};
