/**
 * The county and its townships: the hub's reference table (channels README "Township table").
 * 12-digit codes follow the 统计用区划代码 layout.
 */
export const COUNTY = { code: '360704', name: '赣县区' } as const;

export const TOWNSHIPS: ReadonlyArray<{ code: string; name: string }> = [
  { code: '360704100000', name: '梅林镇' },
  { code: '360704101000', name: '王母渡镇' },
  { code: '360704102000', name: '沙地镇' },
  { code: '360704103000', name: '江口镇' },
  { code: '360704104000', name: '田村镇' },
  { code: '360704105000', name: '南塘镇' },
  { code: '360704106000', name: '茅店镇' },
  { code: '360704107000', name: '吉埠镇' },
  { code: '360704108000', name: '五云镇' },
  { code: '360704109000', name: '湖江镇' },
  { code: '360704110000', name: '储潭镇' },
  { code: '360704111000', name: '韩坊镇' },
  { code: '360704200000', name: '阳埠乡' },
  { code: '360704201000', name: '大埠乡' },
  { code: '360704202000', name: '长洛乡' },
  { code: '360704203000', name: '大田乡' },
  { code: '360704204000', name: '石芫乡' },
  { code: '360704205000', name: '三溪乡' },
  { code: '360704206000', name: '白鹭乡' },
];
