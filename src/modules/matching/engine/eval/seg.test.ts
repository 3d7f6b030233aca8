import { segmentWords } from "../tokenizer";
import { detectConcepts } from "../concepts";
test("seg", () => {
  for (const t of ["池窑拉丝铂铑漏板使用后期底板下垂与断丝频繁问题", "LED前照灯配光镜内侧起白雾、透光率下降问题", "再生磷酸铁锂正极材料磁性异物超标问题", "希望从原料配方和后处理工艺上解决过滤效率衰减问题", "热管理与热失控，膜电极，依克多因"])
    console.log(segmentWords(t).join("/") + "\n" + detectConcepts(t).map((h) => h.id + ":" + h.surface).join(" "));
});
