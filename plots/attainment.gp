# attainment.gp: the distribution of team attainment per fiscal year, with
# the quota line at 100 %. Run by `rampsim plot DIR`.
set title sprintf("%s: team attainment of quota across %d replications", name, replications)
set xlabel "Team attainment of quota (%)"
set ylabel "Share of replications (%)"
set key top right
set yrange [0:*]
set xrange [0 < * : *]
set boxwidth 1.8
set arrow 1 from 100, graph 0 to 100, graph 1 nohead lw 3 dt 2 lc rgb '#d62728' front
set label 1 ' quota' at 100, graph 0.96 tc rgb '#d62728' front
if (years >= 2) {
  plot datadir.'/attainment.csv' using (column('attainment_from') + 1):'fy1_share' \
         with boxes fs solid 0.55 noborder lc rgb '#1f5fa8' title 'Fiscal year 1', \
       '' using 'attainment_from':'fy2_share' \
         with steps lw 3 lc rgb '#ff7f0e' title 'Fiscal year 2'
} else {
  plot datadir.'/attainment.csv' using (column('attainment_from') + 1):'fy1_share' \
         with boxes fs solid 0.55 noborder lc rgb '#1f5fa8' title 'Fiscal year 1'
}
