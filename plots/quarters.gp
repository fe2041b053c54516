# quarters.gp: median team attainment per fiscal quarter, with the
# interquartile range and the quota line. Run by `rampsim plot DIR`.
set title sprintf("%s: team attainment by quarter", name)
unset xlabel
set ylabel "Team attainment of quota (%)"
set key outside bottom center horizontal
set yrange [0:*]
set offsets 0.6, 0.6, 0, 0
set boxwidth 0.6
set xtics nomirror
plot datadir.'/quarters.csv' using 0:'p50':xticlabels(1) \
       with boxes fs solid 0.6 noborder lc rgb '#1f5fa8' title 'Median', \
     '' using 0:'p50':'p25':'p75' with yerrorbars lw 2 pt 0 lc rgb '#0b3d91' title 'P25-P75', \
     '' using 0:(column('p75') + 4):(sprintf('%.0f%%', column('p50'))) with labels notitle, \
     100 with lines lw 3 dt 2 lc rgb '#d62728' title 'Quota'
