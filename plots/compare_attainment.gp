# compare_attainment.gp: each scenario's distribution of team attainment in
# the first (and second) fiscal year: boxes from P25 to P75, whiskers from
# P5 to P95, the median as a bar. Run by `rampsim compare --plot`, which sets
# datadir, scenarios and years.
set title "Team attainment of quota, scenario by scenario"
set ylabel "Team attainment of quota (%)"
set key top left
set xrange [-0.6:scenarios - 0.4]
set boxwidth 0.3
set xtics nomirror
plot datadir.'/compare-attainment.csv' \
       using ($0 - (years > 1 ? 0.17 : 0)):'fy1_p25':'fy1_p5':'fy1_p95':'fy1_p75':xticlabels(1) \
       with candlesticks whiskerbars fs solid 0.5 lc rgb '#1f5fa8' title 'Fiscal year 1 (P5, P25, P75, P95)', \
     '' using ($0 - (years > 1 ? 0.17 : 0)):'fy1_p50':'fy1_p50':'fy1_p50':'fy1_p50' \
       with candlesticks lw 3 lc rgb '#0b3d91' notitle, \
     '' using ($0 + 0.17):(years > 1 ? column('fy2_p25') : NaN):'fy2_p5':'fy2_p95':'fy2_p75' \
       with candlesticks whiskerbars fs solid 0.5 lc rgb '#ff9f1c' title (years > 1 ? 'Fiscal year 2' : ''), \
     '' using ($0 + 0.17):(years > 1 ? column('fy2_p50') : NaN):'fy2_p50':'fy2_p50':'fy2_p50' \
       with candlesticks lw 3 lc rgb '#c86400' notitle, \
     100 with lines lw 2 dt 2 lc rgb '#d62728' title 'Quota'
