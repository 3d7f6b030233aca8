import { productSpans, ROLE_WEIGHT, weighDescription } from "./need-roles";

const roleOf = (clauses: ReturnType<typeof weighDescription>, fragment: string) =>
  clauses.find((c) => c.text.includes(fragment))?.role;

describe("reading a need posting by role", () => {
  const description =
    "公司主要生产立式加工中心，客户以模具企业为主。" +
    "开机后两小时内加工尺寸持续漂移，首件合格后仍批量超差。" +
    "客户反馈退货增多。" +
    "曾尝试加厚立柱，改善有限。" +
    "厂内没有热误差测量设备，无法开展分析。" +
    "希望合作开发热误差补偿方法。" +
    "目标：Z向尺寸变化≤8μm。";
  const clauses = weighDescription(description);

  it("marks the company introduction as background", () => {
    expect(roleOf(clauses, "主要生产立式加工中心")).toBe("background");
    expect(roleOf(clauses, "客户以模具企业为主")).toBe("background");
  });
  it("marks the symptom as the problem", () => {
    expect(roleOf(clauses, "加工尺寸持续漂移")).toBe("problem");
  });
  it("marks consequences for the business as effect", () => {
    expect(roleOf(clauses, "客户反馈退货增多")).toBe("effect");
  });
  it("marks what was tried without success", () => {
    expect(roleOf(clauses, "曾尝试加厚立柱")).toBe("tried");
  });
  it("reads what the company lacks as part of the ask", () => {
    expect(roleOf(clauses, "没有热误差测量设备")).toBe("ask");
  });
  it("marks the ask and the targets", () => {
    expect(roleOf(clauses, "希望合作开发")).toBe("ask");
    expect(roleOf(clauses, "目标")).toBe("target");
  });
  it("weighs the ask most and the background least", () => {
    const weights = Object.values(ROLE_WEIGHT);
    expect(ROLE_WEIGHT.ask).toBe(Math.max(...weights));
    expect(ROLE_WEIGHT.background).toBe(Math.min(...weights));
  });
  it("does not call a first sentence background when it already states a problem", () => {
    const c = weighDescription("公司供应的隔爆型电机在用户现场发生多起轴承抱死事故。希望开发监测终端。");
    expect(roleOf(c, "轴承抱死事故")).toBe("problem");
  });
});

describe("reading what the company makes", () => {
  const spansOf = (description: string) => productSpans(weighDescription(description));

  it("takes the object of a business verb in a clause about the company", () => {
    expect(spansOf("公司生产磷酸铁锂正极材料，年产2万吨。压实密度偏低。")).toContain("磷酸铁锂正极材料");
    expect(spansOf("公司为新能源车企供应铝合金电池包下箱体。箱体漏气。")).toContain("铝合金电池包下箱体");
  });
  it("takes a named product and the product of a production line", () => {
    expect(spansOf("主要产品为喷气织机用经纱。断头多。")).toContain("喷气织机用经纱");
    expect(spansOf("砂浆生产线投料车间粉尘浓度超标。")).toContain("砂浆");
  });
  it("never reads the ask as the product: 希望开发X is what is wanted", () => {
    expect(spansOf("公司生产电池包。希望开发自动拆解装备。").join("|")).not.toContain("拆解");
  });
  it("does not take 产品 as the subject of a problem for a product name (产品有关物质偏高)", () => {
    expect(spansOf("下游提取收率低，产品有关物质偏高。")).toEqual([]);
  });
});

