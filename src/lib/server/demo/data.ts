/**
 * A realistic, invented, bilingual directory for trying Gala out. Company names are fictional;
 * addresses use reserved example domains. Figures are in yuan and give each channel a clear
 * 80/20 split (and one account that is key by profit only).
 */
import type { Channel, Locale } from '../db/schema';

export interface DemoStaff {
	name: string;
	name_latin: string;
	title: string;
	title_en: string;
	kind: 'executive' | 'staff';
	gm?: boolean;
	seniority: number;
	email: string;
	phone: string;
}

// One person per line reads better than Prettier's expanded objects.
// prettier-ignore
export const demoStaff: DemoStaff[] = [
	{ name: '张建国', name_latin: 'Zhang Jianguo', title: '总经理', title_en: 'General Manager', kind: 'executive', gm: true, seniority: 1, email: 'zhang.jianguo@host.example.com', phone: '+86 21 6100 0001' },
	{ name: '李明华', name_latin: 'Li Minghua', title: '副总经理（销售）', title_en: 'Vice President, Sales', kind: 'executive', seniority: 10, email: 'li.minghua@host.example.com', phone: '+86 21 6100 0002' },
	{ name: '陈晓东', name_latin: 'Chen Xiaodong', title: '副总经理（生产）', title_en: 'Vice President, Operations', kind: 'executive', seniority: 11, email: 'chen.xiaodong@host.example.com', phone: '+86 21 6100 0003' },
	{ name: '刘洋', name_latin: 'Liu Yang', title: '销售经理', title_en: 'Sales Manager', kind: 'staff', seniority: 20, email: 'liu.yang@host.example.com', phone: '+86 139 1600 2001' },
	{ name: '赵丽', name_latin: 'Zhao Li', title: '市场部经理', title_en: 'Marketing Manager', kind: 'staff', seniority: 30, email: 'zhao.li@host.example.com', phone: '+86 139 1600 2002' },
	{ name: '孙强', name_latin: 'Sun Qiang', title: '生产部经理', title_en: 'Production Manager', kind: 'staff', seniority: 31, email: 'sun.qiang@host.example.com', phone: '+86 139 1600 2003' },
	{ name: '周静', name_latin: 'Zhou Jing', title: '仓储物流经理', title_en: 'Warehouse & Logistics Manager', kind: 'staff', seniority: 32, email: 'zhou.jing@host.example.com', phone: '+86 139 1600 2004' },
	{ name: '吴磊', name_latin: 'Wu Lei', title: '大客户经理', title_en: 'Key Account Manager', kind: 'staff', seniority: 40, email: 'wu.lei@host.example.com', phone: '+86 139 1600 2005' },
	{ name: '郑欣怡', name_latin: 'Zheng Xinyi', title: '销售代表', title_en: 'Sales Representative', kind: 'staff', seniority: 50, email: 'zheng.xinyi@host.example.com', phone: '+86 139 1600 2006' },
	{ name: '王浩然', name_latin: 'Wang Haoran', title: '销售代表', title_en: 'Sales Representative', kind: 'staff', seniority: 51, email: 'wang.haoran@host.example.com', phone: '+86 139 1600 2007' }
];

/** [name, Latin name, salutation, title, birthday MM-DD, birth year, hobbies, dietary, style] */
type DemoPerson = [
	string,
	string,
	string,
	string,
	string | null,
	number | null,
	string | null,
	string | null,
	string | null
];

export interface DemoAccount {
	name: string;
	name_en: string;
	industry: string;
	region: string;
	channel: Channel;
	sales: number;
	profit: number;
	tags: string[];
	/** Days since the last monthly review; null = never reviewed. */
	reviewedDaysAgo: number | null;
	notes?: string;
	competitors?: string;
	override?: { tier: 'key' | 'potential' | 'regular'; reason: string };
	domain: string;
	locale?: Locale;
	timeZone?: string;
	work?: [string, string];
	people: DemoPerson[];
	/** Important dates of the first person: [label, MM-DD, year]. */
	dates?: [string, string, number | null][];
}

// Compact rows, one line per person.
// prettier-ignore
export const demoAccounts: DemoAccount[] = [
	{
		name: '华联商贸有限公司',
		name_en: 'Hualian Trading Co., Ltd.',
		industry: '食品饮料',
		region: '华东·上海',
		channel: 'distributor',
		sales: 48_000_000,
		profit: 3_600_000,
		tags: ['华东', '战略合作', '老客户'],
		reviewedDaysAgo: 6,
		domain: 'hualian-trading.example',
		notes: '合作十二年，华东区最大经销商；每年春节前备货高峰。',
		competitors: '竞品康泰食品今年给出 3% 返点，需关注。',
		people: [
			['王伟', 'Wang Wei', '王总', '董事长', '03-12', 1968, '高尔夫、普洱茶', null, '说话直接，重视数据；会前准备好销售报表'],
			['欧阳娜娜', 'Ouyang Nana', '欧阳经理', '采购总监', '07-21', 1985, '瑜伽、摄影', '素食', '细致，喜欢书面确认'],
			['李静', 'Li Jing', '李经理', '物流经理', '11-02', 1990, '跑步', null, null],
			['陈志强', 'Chen Zhiqiang', '陈总', '副总经理', '09-09', 1975, '钓鱼、书法', '不吃辣', '注重礼节']
		],
		dates: [['结婚纪念日', '10-18', 1994], ['公司成立纪念日', '06-08', 2006]]
	},
	{
		name: '北方恒通经销有限公司',
		name_en: 'Hengtong Northern Distribution Co., Ltd.',
		industry: '食品饮料',
		region: '华北·北京',
		channel: 'distributor',
		sales: 26_000_000,
		profit: 2_100_000,
		tags: ['华北', '老客户'],
		reviewedDaysAgo: 45,
		domain: 'hengtong.example',
		people: [
			['刘建军', 'Liu Jianjun', '刘总', '总经理', '01-25', 1966, '京剧、象棋', '清淡饮食', '重感情，喜欢面谈'],
			['张敏', 'Zhang Min', '张经理', '采购经理', '05-20', 1988, '烘焙', null, null],
			['杨帆', 'Yang Fan', '杨先生', '区域销售主管', '08-15', 1992, '篮球', null, '年轻，反应快，偏好微信沟通'],
			['于海洋', 'Yu Haiyang', '于经理', '品牌经理', '03-30', 1983, '摄影', null, null]
		]
	},
	{
		name: '西南嘉禾供应链有限公司',
		name_en: 'Jiahe Southwest Supply Chain Co., Ltd.',
		industry: '供应链服务',
		region: '西南·成都',
		channel: 'distributor',
		sales: 9_500_000,
		profit: 1_900_000,
		tags: ['西南', '高毛利'],
		reviewedDaysAgo: 12,
		domain: 'jiahe-scm.example',
		notes: '销量不大但毛利高，主做高端礼盒。',
		people: [
			['黄晓峰', 'Huang Xiaofeng', '黄总', '创始人', '12-08', 1979, '登山、川菜', '无辣不欢', '爽快，喜欢现场看货'],
			['周芳', 'Zhou Fang', '周经理', '财务经理', '04-03', 1986, '茶艺', null, null],
			['何俊', 'He Jun', '何先生', '仓储主管', null, null, null, null, null],
			['龚丽娟', 'Gong Lijuan', '龚经理', '礼盒业务经理', '10-12', 1987, '花艺', '不吃香菜', null]
		]
	},
	{
		name: '岭南丰泰贸易有限公司',
		name_en: 'Fengtai Lingnan Trading Co., Ltd.',
		industry: '食品饮料',
		region: '华南·广州',
		channel: 'distributor',
		sales: 5_200_000,
		profit: 180_000,
		tags: ['华南', '新客户'],
		reviewedDaysAgo: null,
		domain: 'fengtai.example',
		people: [
			['梁永康', 'Leung Wing-hong', '梁生', '总经理', '02-14', 1971, '早茶、赛马', '不吃牛肉', '讲粤语，喜欢饭局谈事'],
			['邓嘉欣', 'Tang Ka-yan', '邓小姐', '采购', '06-30', 1993, '逛街', null, null],
			['罗志刚', 'Luo Zhigang', '罗经理', '市场经理', null, null, '街舞', null, null]
		]
	},
	{
		name: '徐州汇通食品经销部',
		name_en: 'Huitong Food Distribution (Xuzhou)',
		industry: '食品饮料',
		region: '华东·徐州',
		channel: 'distributor',
		sales: 1_800_000,
		profit: 90_000,
		tags: ['华东', '新客户'],
		reviewedDaysAgo: 90,
		domain: 'huitong-xz.example',
		people: [
			['葛优华', 'Ge Youhua', '葛老板', '负责人', '05-16', 1973, '听相声', null, null]
		]
	},
	{
		name: '苏州万家福批发有限公司',
		name_en: 'Wanjiafu Wholesale (Suzhou) Co., Ltd.',
		industry: '日化百货',
		region: '华东·苏州',
		channel: 'wholesaler_1',
		sales: 18_000_000,
		profit: 1_200_000,
		tags: ['华东', '战略合作'],
		reviewedDaysAgo: 3,
		domain: 'wanjiafu.example',
		people: [
			['徐国栋', 'Xu Guodong', '徐总', '总经理', '10-01', 1964, '评弹、太极', '少油少盐', '稳重，决策慢但守信'],
			['朱丽叶', 'Zhu Liye', '朱经理', '运营总监', '02-28', 1987, '钢琴', null, null],
			['沈佳怡', 'Shen Jiayi', '沈小姐', '采购专员', '09-17', 1995, '追剧', null, null],
			['顾晨', 'Gu Chen', '顾先生', '仓库主管', null, null, '骑行', null, null],
			['司徒慧敏', 'Szeto Wai-man', '司徒经理', '财务总监', '03-08', 1980, '读书会', null, '严谨，先看合同条款']
		],
		dates: [['入行三十周年', '04-15', 1995]]
	},
	{
		name: '郑州中原食品一批',
		name_en: 'Zhongyuan Food Wholesale (Zhengzhou)',
		industry: '食品饮料',
		region: '华中·郑州',
		channel: 'wholesaler_1',
		sales: 11_000_000,
		profit: 950_000,
		tags: ['华中', '年会常客'],
		reviewedDaysAgo: 38,
		domain: 'zhongyuan-food.example',
		people: [
			['马卫东', 'Ma Weidong', '马总', '董事长', '07-07', 1962, '太极拳、书法', '清真', '豪爽，重视排场'],
			['郭晓燕', 'Guo Xiaoyan', '郭经理', '销售经理', '11-11', 1984, '广场舞', null, null],
			['任鹏', 'Ren Peng', '任先生', '配送主管', null, null, '足球', null, null],
			['贾晓琳', 'Jia Xiaolin', '贾经理', '客服经理', '12-01', 1991, '旅行', null, null]
		]
	},
	{
		name: '杭州鼎盛商行',
		name_en: 'Dingsheng Trading (Hangzhou)',
		industry: '食品饮料',
		region: '华东·杭州',
		channel: 'wholesaler_1',
		sales: 3_000_000,
		profit: 150_000,
		tags: ['华东', '新客户', '电商'],
		reviewedDaysAgo: 20,
		domain: 'dingsheng.example',
		override: { tier: 'potential', reason: '新开两个电商仓，预计明年销量翻倍' },
		people: [
			['钱磊', 'Qian Lei', '钱总', '创始人', '05-05', 1989, '电竞、咖啡', null, '互联网思维，喜欢看数据看板'],
			['孔令辉', 'Kong Linghui', '孔经理', '供应链经理', '08-08', 1986, '乒乓球', null, null],
			['上官婉清', 'Shangguan Wanqing', '上官小姐', '直播运营', '12-24', 1997, '汉服', '素食', null]
		]
	},
	{
		name: '无锡惠民副食品批发部',
		name_en: 'Huimin Groceries Wholesale (Wuxi)',
		industry: '副食品',
		region: '华东·无锡',
		channel: 'wholesaler_2',
		sales: 12_000_000,
		profit: 600_000,
		tags: ['华东'],
		reviewedDaysAgo: 9,
		domain: 'huimin-wx.example',
		people: [
			['蒋伟', 'Jiang Wei', '蒋老板', '负责人', '06-06', 1970, '钓鱼', null, '务实，只谈价格和账期'],
			['蒋小燕', 'Jiang Xiaoyan', '蒋小姐', '会计', null, null, null, null, null],
			['韩梅', 'Han Mei', '韩姐', '门店主管', '03-03', 1978, '跳舞', null, null]
		]
	},
	{
		name: '南京金陵副食批发有限公司',
		name_en: 'Jinling Groceries Wholesale (Nanjing)',
		industry: '副食品',
		region: '华东·南京',
		channel: 'wholesaler_2',
		sales: 1_500_000,
		profit: 120_000,
		tags: ['华东', '老客户'],
		reviewedDaysAgo: 70,
		domain: 'jinling-fs.example',
		people: [
			['秦淮安', 'Qin Huai’an', '秦总', '总经理', '09-28', 1967, '昆曲、收藏', '不吃海鲜', '儒雅，喜欢聊历史'],
			['曹雪', 'Cao Xue', '曹经理', '采购经理', '01-01', 1990, '写作', null, null],
			['吕博', 'Lü Bo', '吕先生', '业务员', null, null, '羽毛球', null, null]
		]
	},
	{
		name: '合肥顺发商贸',
		name_en: 'Shunfa Trading (Hefei)',
		industry: '副食品',
		region: '华东·合肥',
		channel: 'wholesaler_2',
		sales: 1_200_000,
		profit: -50_000,
		tags: ['华东', '账期关注'],
		reviewedDaysAgo: 33,
		domain: 'shunfa-hf.example',
		notes: '去年亏损，账期偏长，需每月跟进回款。',
		people: [
			['许文斌', 'Xu Wenbin', '许老板', '负责人', '04-20', 1974, '打牌', null, null],
			['潘雅婷', 'Pan Yating', '潘小姐', '出纳', null, null, null, null, null]
		]
	},
	{
		name: '优佳超市连锁有限公司',
		name_en: 'Youjia Supermarkets Co., Ltd.',
		industry: '零售',
		region: '华东·上海',
		channel: 'ka_retailer',
		sales: 40_000_000,
		profit: 2_000_000,
		tags: ['华东', 'KA', '战略合作'],
		reviewedDaysAgo: 15,
		domain: 'youjia-mart.example',
		competitors: '竞品在其门店有端架陈列，需争取堆头位置。',
		people: [
			['林志远', 'Lin Zhiyuan', '林总', '采购副总裁', '02-02', 1972, '马拉松', null, '强势，习惯压价，守约'],
			['高媛', 'Gao Yuan', '高经理', '品类经理', '10-10', 1986, '插花', null, null],
			['宋佳琪', 'Song Jiaqi', '宋经理', '门店运营经理', '07-14', 1989, '烹饪', '不吃辣', null],
			['慕容云海', 'Murong Yunhai', '慕容总监', '市场总监', '05-30', 1981, '帆船', null, '创意型，喜欢新品试吃'],
			['程浩', 'Cheng Hao', '程经理', '供应商关系经理', '01-09', 1990, '滑雪', null, null]
		],
		dates: [['合作十周年', '09-01', 2016]]
	},
	{
		name: '家乐汇大卖场',
		name_en: 'Jialehui Hypermarkets',
		industry: '零售',
		region: '华南·深圳',
		channel: 'ka_retailer',
		sales: 6_000_000,
		profit: 250_000,
		tags: ['华南', 'KA'],
		reviewedDaysAgo: 50,
		domain: 'jialehui.example',
		people: [
			['谢文涛', 'Xie Wentao', '谢总', '总经理', '08-25', 1975, '潜水', null, null],
			['冯丹', 'Feng Dan', '冯经理', '采购经理', '12-12', 1988, '健身', '生酮饮食', null],
			['白露露', 'Bai Lulu', '白小姐', '促销专员', '09-23', 1996, '拍视频', null, null],
			['诸葛明', 'Zhuge Ming', '诸葛经理', '财务经理', '07-01', 1980, '围棋', null, '谨慎，关注账期']
		]
	},
	{
		name: '邻里鲜生超市',
		name_en: 'Linli Fresh Markets',
		industry: '生鲜零售',
		region: '华东·宁波',
		channel: 'ka_retailer',
		sales: 3_000_000,
		profit: 300_000,
		tags: ['华东', '社区'],
		reviewedDaysAgo: 5,
		domain: 'linli-fresh.example',
		people: [
			['唐宁', 'Tang Ning', '唐总', '创始人', '04-04', 1983, '露营', null, null],
			['傅磊', 'Fu Lei', '傅经理', '采购经理', null, null, '古典音乐', null, null],
			['袁媛', 'Yuan Yuan', '袁小姐', '会员运营', '11-20', 1994, '猫', '素食', null]
		]
	},
	{
		name: '社区便利店联盟',
		name_en: 'Community Convenience Alliance',
		industry: '便利零售',
		region: '华东·上海',
		channel: 'small_retail',
		sales: 2_600_000,
		profit: 260_000,
		tags: ['华东', '社区'],
		reviewedDaysAgo: 28,
		domain: 'cc-alliance.example',
		people: [
			['田野', 'Tian Ye', '田会长', '联盟会长', '03-21', 1969, '园艺', null, '热心，人脉广'],
			['方圆', 'Fang Yuan', '方经理', '统采经理', '06-18', 1987, null, null, null],
			['石磊', 'Shi Lei', '石先生', '店主代表', null, null, '钓鱼', null, null]
		]
	},
	{
		name: '惠康便利连锁',
		name_en: 'Huikang Convenience Stores',
		industry: '便利零售',
		region: '华南·东莞',
		channel: 'small_retail',
		sales: 1_500_000,
		profit: 200_000,
		tags: ['华南'],
		reviewedDaysAgo: 60,
		domain: 'huikang-cvs.example',
		people: [
			['邱少华', 'Qiu Shaohua', '邱总', '老板', '10-25', 1976, '喝茶', null, null],
			['温馨', 'Wen Xin', '温小姐', '店长', '02-10', 1995, '追星', null, null],
			['薛明', 'Xue Ming', '薛先生', '采购', null, null, null, '不吃猪肉', null]
		]
	},
	{
		name: '老街坊烟酒店',
		name_en: 'Laojiefang Corner Shop',
		industry: '便利零售',
		region: '华东·上海',
		channel: 'small_retail',
		sales: 300_000,
		profit: 45_000,
		tags: ['社区'],
		reviewedDaysAgo: null,
		domain: 'laojiefang.example',
		people: [
			['孟德山', 'Meng Deshan', '孟老板', '店主', '01-18', 1960, '下棋', null, '老派，喜欢现金结算'],
			['孟小雨', 'Meng Xiaoyu', '小孟', '店员', null, null, null, null, null]
		]
	},
	{
		name: '便民小超市（徐汇店）',
		name_en: 'Bianmin Mini-mart (Xuhui)',
		industry: '便利零售',
		region: '华东·上海',
		channel: 'small_retail',
		sales: 200_000,
		profit: 20_000,
		tags: ['社区', '新客户'],
		reviewedDaysAgo: 14,
		domain: 'bianmin.example',
		people: [
			['范小勤', 'Fan Xiaoqin', '范老板', '店主', '08-30', 1982, '广场舞', null, null]
		]
	},
	{
		name: '阿强副食店',
		name_en: 'Aqiang Grocery',
		industry: '便利零售',
		region: '华东·上海',
		channel: 'small_retail',
		sales: 120_000,
		profit: 8000,
		tags: ['社区'],
		reviewedDaysAgo: null,
		domain: 'aqiang.example',
		people: [
			['林阿强', 'Lin Aqiang', '阿强', '店主', null, null, '钓鱼', null, '只用微信联系']
		]
	},
	{
		name: '环太平洋食品（新加坡）有限公司',
		name_en: 'Pacific Rim Foods Pte. Ltd.',
		industry: '进出口',
		region: '新加坡',
		channel: 'other',
		sales: 7_000_000,
		profit: 900_000,
		tags: ['出口', '东南亚', '战略合作'],
		reviewedDaysAgo: 25,
		domain: 'pacificrim-foods.example',
		locale: 'en',
		timeZone: 'Asia/Singapore',
		people: [
			['陈伟明', 'Tan Wei Ming', 'Mr Tan', 'Managing Director', '08-09', 1970, 'Golf, durian', 'No beef', 'Formal; prefers English email and a clear agenda'],
			['Sarah Lim', 'Sarah Lim', 'Ms Lim', 'Procurement Manager', '04-12', 1988, 'Running', 'Vegetarian', null],
			['Rajesh Kumar', 'Rajesh Kumar', 'Mr Kumar', 'Logistics Lead', '11-14', 1985, 'Cricket', 'Vegetarian, no eggs', null]
		]
	},
	{
		name: '莱茵兰精品食品有限公司',
		name_en: 'Rheinland Feinkost GmbH',
		industry: '进出口',
		region: '德国·科隆',
		channel: 'other',
		sales: 1_000_000,
		profit: 120_000,
		tags: ['出口', '欧洲'],
		reviewedDaysAgo: 40,
		domain: 'rheinland-feinkost.example',
		locale: 'en',
		timeZone: 'Europe/Berlin',
		work: ['08:00', '17:00'],
		people: [
			['Klaus Becker', 'Klaus Becker', 'Mr Becker', 'Geschäftsführer (Managing Director)', '06-21', 1965, 'Wine, cycling', null, 'Punctual; expects agendas a week ahead'],
			['Anna Schmidt', 'Anna Schmidt', 'Ms Schmidt', 'Head of Purchasing', '02-17', 1982, 'Hiking', 'Lactose-free', null],
			['Jonas Weber', 'Jonas Weber', 'Mr Weber', 'Category Manager, Asian Foods', null, null, 'Football', null, null]
		]
	}
];
